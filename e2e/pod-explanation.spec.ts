import { NamespacePage } from './pages/namespace-page';
import { PodPanel } from './pages/pod-panel';
import { expect, test } from './support/fixtures';
import { HOST_NETWORK } from './support/seed';

test.describe('pod explanation', () => {
  test('explains the hostNetwork DaemonSet pod: rule trace in order, injector events, the fix', async ({
    page,
    shot,
  }) => {
    const namespace = new NamespacePage(page);
    await namespace.goto(HOST_NETWORK.namespace);
    await namespace.search.fill(HOST_NETWORK.workload);
    const podButton = namespace.podButton(new RegExp(`^Explain ${HOST_NETWORK.workload}-`)).first();
    const podName = (await podButton.innerText()).trim();
    await podButton.click();

    const panel = new PodPanel(page);
    await expect(panel.root).toBeVisible();
    await expect(page).toHaveURL(new RegExp(`pod=${podName}`));
    await expect(panel.root.getByRole('heading', { name: podName })).toBeVisible();

    // The engine's trace, rendered in its order, with the hostNetwork rule among the steps.
    await expect(panel.traceSteps.first()).toBeVisible();
    expect(await panel.traceSteps.count()).toBeGreaterThan(1);
    await expect(panel.trace).toContainText(/hostNetwork/i);
    await expect(panel.trace.locator('li[data-outcome="block"]').first()).toBeVisible();
    await expect(panel.traceSteps.filter({ hasText: /^\d+\.\s*hostNetwork/ })).toContainText(
      'hostNetwork is enabled',
    );
    await expect(panel.fix).toContainText('Fix:');
    await expect(panel.injectorEvents()).toContainText(/Injector events/);
    await shot('pod-explanation-hostnetwork');

    // The same explanation as a page of its own.
    await panel.root.getByRole('link', { name: 'open as a page' }).click();
    await expect(page).toHaveURL(new RegExp(`/namespaces/${HOST_NETWORK.namespace}/pods/${podName}$`));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(podName);
    await expect(page.getByTestId('rule-trace')).toContainText(/hostNetwork/i);
    await shot('pod-page-hostnetwork');

    // Back to the namespace with the panel open; Escape closes it and clears the URL.
    await page.goBack();
    await expect(panel.root).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(panel.root).toBeHidden();
    await expect(page).not.toHaveURL(/pod=/);
  });
});
