import { NamespacePage } from './pages/namespace-page';
import { PodPanel } from './pages/pod-panel';
import { expect, test } from './support/fixtures';
import { applyManifest, kubectl } from './support/kube';
import { HOST_NETWORK, PREDATES_ANNOTATION } from './support/seed';

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

  test("shows the injector's own skip reason next to the missing proxy, and every time relative with the absolute on hover", async ({
    page,
  }) => {
    // What Linkerd's proxy-injector records on the owner when it skips a pod (webhook.go: an
    // `InjectionSkipped` Event on the parent, "Linkerd sidecar proxy injection skipped: <reasons>").
    // CI has no injector, so the journey records the same Event on the real API server.
    const eventName = `node-exporter.skipped-${Date.now()}`;
    const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
    await applyManifest(`apiVersion: v1
kind: Event
metadata:
  name: ${eventName}
  namespace: ${HOST_NETWORK.namespace}
involvedObject:
  apiVersion: apps/v1
  kind: DaemonSet
  name: ${HOST_NETWORK.workload}
  namespace: ${HOST_NETWORK.namespace}
reason: InjectionSkipped
message: 'Linkerd sidecar proxy injection skipped: hostNetwork is enabled'
type: Normal
source:
  component: linkerd-proxy-injector
firstTimestamp: ${now}
lastTimestamp: ${now}
count: 1
`);
    try {
      const namespace = new NamespacePage(page);
      await namespace.goto(HOST_NETWORK.namespace);
      await namespace.search.fill(HOST_NETWORK.workload);
      await namespace
        .podButton(new RegExp(`^Explain ${HOST_NETWORK.workload}-`))
        .first()
        .click();
      const panel = new PodPanel(page);
      await expect(panel.evidence).toContainText('The injector said');
      await expect(panel.evidence).toContainText('hostNetwork is enabled');
      const said = panel.evidence.locator('time');
      await expect(said).toHaveText(/ago$/);
      await expect(said).toHaveAttribute('title', /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC$/);
      await expect(panel.injectorEvents()).toContainText('InjectionSkipped');
      await page.keyboard.press('Escape');

      // A pod created before its namespace was annotated: the trace names both times, relative.
      await namespace.goto(PREDATES_ANNOTATION);
      await namespace
        .podButton(/^Explain /)
        .first()
        .click();
      await expect(panel.trace).toContainText(
        /annotation changed \S+ ago, after pod \S+ was created \S+ ago/,
      );
      await expect(panel.trace).not.toContainText(/\d{4}-\d{2}-\d{2}T\d{2}/);
      await expect(panel.trace.locator('time').first()).toHaveAttribute('title', / UTC$/);
    } finally {
      await kubectl(['delete', 'event', '-n', HOST_NETWORK.namespace, eventName, '--ignore-not-found']);
    }
  });
});
