import { NamespacePage } from './pages/namespace-page';
import { OverviewPage } from './pages/overview-page';
import { expect, test } from './support/fixtures';
import { HOST_NETWORK, PREDATES_ANNOTATION } from './support/seed';

test.describe('namespace drill-down', () => {
  test('finds the namespace whose pods predate its annotation and shows why they have no proxy', async ({
    page,
    shot,
  }) => {
    const overview = new OverviewPage(page);
    await overview.goto();
    await overview.openNamespace(PREDATES_ANNOTATION);

    const namespace = new NamespacePage(page);
    await expect(namespace.heading).toHaveText(PREDATES_ANNOTATION);
    await expect(namespace.injection).toContainText('enabled');
    for (const workload of ['payments-api', 'payment-worker', 'ledger']) {
      await expect(namespace.workloadRow(workload)).toBeVisible();
    }
    await expect(namespace.podRows).toHaveCount(7);
    // With an injector these pods would be missing-proxy; here the engine's reason is the missing injector.
    await expect(namespace.podRows.first()).toContainText('not-injectable');
    // One human sentence in the Why column (#12); Linkerd's code stays one hover away.
    const why = namespace.podRows.first().getByTestId('pod-why');
    await expect(why).toContainText('no proxy injector webhook is installed, so nothing is injected');
    await expect(why).toHaveAttribute('title', /injector_not_installed/);
    await shot('namespace-payments');
  });

  test('status chips, search and sorting live in the URL and survive a shared link', async ({
    page,
    context,
  }) => {
    const namespace = new NamespacePage(page);
    await namespace.goto(PREDATES_ANNOTATION);

    await namespace.statusChip('not-injectable').click();
    await expect(page).toHaveURL(/status=not-injectable/);
    await expect(namespace.statusChip('not-injectable')).toHaveAttribute('aria-pressed', 'true');
    await expect(namespace.podRows).toHaveCount(7);

    await namespace.statusChip('meshed').click();
    await expect(page).toHaveURL(/status=not-injectable%2Cmeshed|status=not-injectable,meshed/);

    await namespace.search.fill('ledger');
    await expect(page).toHaveURL(/q=ledger/);
    await expect(namespace.podRows).toHaveCount(2);
    await expect(namespace.workloadRows).toHaveCount(1);

    const podColumn = namespace.podTable.getByRole('columnheader', { name: 'Pod', exact: true });
    await podColumn.getByRole('button').click();
    await expect(page).toHaveURL(/sort=name&dir=asc/);
    await podColumn.getByRole('button').click();
    await expect(page).toHaveURL(/sort=name&dir=desc/);
    await expect(podColumn).toHaveAttribute('aria-sort', 'descending');
    expect(await namespace.visiblePodNames()).toEqual(['ledger-1', 'ledger-0']);

    const shared = await context.newPage();
    const sharedNamespace = new NamespacePage(shared);
    await shared.goto(page.url());
    await expect(sharedNamespace.heading).toHaveText(PREDATES_ANNOTATION);
    await expect(sharedNamespace.search).toHaveValue('ledger');
    await expect(sharedNamespace.statusChip('not-injectable')).toHaveAttribute('aria-pressed', 'true');
    expect(await sharedNamespace.visiblePodNames()).toEqual(['ledger-1', 'ledger-0']);
    await shared.close();

    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect(namespace.podRows).toHaveCount(7);
    await expect(page).not.toHaveURL(/q=|status=/);
  });

  test("turns Restart and Injection off with the engine's reason where a click cannot help", async ({
    page,
  }) => {
    const namespace = new NamespacePage(page);
    // A hostNetwork DaemonSet: the injector skips hostNetwork pods, so a restart brings no proxy.
    await namespace.goto(HOST_NETWORK.namespace);
    const restart = namespace.restartWorkload('DaemonSet', HOST_NETWORK.workload);
    await expect(restart).toHaveAttribute('aria-disabled', 'true');
    await expect(restart).toHaveAttribute('data-blocked-reason', /hostNetwork/);
    await expect(restart).toHaveAccessibleDescription(/hostNetwork/);
    await restart.click({ force: true });
    await expect(page.getByRole('dialog')).toHaveCount(0);

    // kube-system: Linkerd must never inject it (linkerd/linkerd2#3330), so there is no injection change.
    await namespace.goto('kube-system');
    await expect(namespace.changeInjection).toHaveAttribute('aria-disabled', 'true');
    await expect(namespace.changeInjection).toHaveAttribute(
      'data-blocked-reason',
      /Kubernetes system namespace/,
    );
    await namespace.changeInjection.focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('dialog')).toHaveCount(0);
  });
});
