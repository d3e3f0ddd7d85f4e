import { NamespacePage } from '../pages/namespace-page';
import { PodPanel } from '../pages/pod-panel';
import { RestartDialog, RolloutTray } from '../pages/action-dialogs';
import { OverviewPage } from '../pages/overview-page';
import { expect, test } from '../support/fixtures';
import { assertInjectorInstalled, assertSeeded, workloadPodProxies } from '../support/injector';
import { PREDATES_ANNOTATION } from '../support/seed';

// Needs Linkerd: run with MESHWATCH_E2E_INJECTOR=1 against a cluster that has the proxy injector.
test.beforeAll(async () => {
  await assertInjectorInstalled();
  await assertSeeded(PREDATES_ANNOTATION, false);
});

test('finds pods that predate their annotation, explains missing-proxy, restarts and watches them become meshed', async ({
  page,
  shot,
}) => {
  const overview = new OverviewPage(page);
  await overview.goto('?only=attention');
  await expect(overview.row(PREDATES_ANNOTATION)).toContainText('missing-proxy');
  await overview.openNamespace(PREDATES_ANNOTATION);

  const namespace = new NamespacePage(page);
  await namespace.statusChip('missing-proxy').click();
  await namespace.podRows.first().getByRole('button').click();
  const panel = new PodPanel(page);
  await expect(panel.explanation).toContainText('missing-proxy');
  await expect(panel.fix).toContainText('Fix:');
  await shot('injector-missing-proxy-explained');
  await panel.close();

  await namespace.restartAffected.click();
  const dialog = new RestartDialog(page);
  await expect(dialog.preview).toBeVisible();
  await dialog.confirm.click();

  const tray = new RolloutTray(page);
  const card = await tray.waitUntilFinished('workloads', 300_000);
  await expect(card.getByTestId('rollout-summary')).toContainText('meshed, proxies ready');
  await expect(namespace.statusChip('missing-proxy')).toContainText('0');
  await shot('injector-missing-proxy-meshed');

  // What the page says is what the real injector did: every new pod got its proxy from the webhook.
  await expect
    .poll(async () => (await workloadPodProxies(PREDATES_ANNOTATION)).filter((pod) => !pod.proxy))
    .toEqual([]);
  for (const pod of await workloadPodProxies(PREDATES_ANNOTATION)) {
    expect(pod.injectedBy, pod.name).toMatch(/^linkerd\/proxy-injector /);
  }
});
