// The cluster-wide restart plan (#14), two waves over three namespaces. CI has no Linkerd: the three
// namespaces' pods started before an injector webhook (Linkerd's webhook name, failurePolicy Ignore,
// a closed port) covered them, so they read missing-proxy and the plan lists them. A restart brings no
// proxy while the injector is away, so the run must stop after wave 1 and say why — the journey watches
// that, reloads the page (the server owns the run), and checks wave 2 was never started.
import type { Page } from '@playwright/test';
import { expectNoSeriousViolations } from './support/axe';
import { expect, test } from './support/fixtures';
import { kubectlJson, waitForRunningPods } from './support/kube';
import { startMeshwatch, type RunningServer } from './support/meshwatch-server';
import { ADMIN_KUBECONFIG } from './support/paths';
import {
  applyScene,
  deleteScene,
  deploymentYaml,
  downInjectorWebhookYaml,
  namespaceYaml,
} from './support/scene';

const NAMESPACES = ['e2e-plan-a', 'e2e-plan-b', 'e2e-plan-c'];
// The dry-run probe runs here, under the same webhook: that is how meshwatch learns the injector is down.
const PROBE_NAMESPACE = 'e2e-plan-probe';
const WEBHOOK = 'e2e-plan-injector';
const SCOPE = 'meshwatch.io/e2e-plan';
let server: RunningServer;

// The probe namespace goes too: it is the journey's, under the same webhook.
const cleanUp = () => deleteScene({ webhook: WEBHOOK, namespaces: [...NAMESPACES, PROBE_NAMESPACE] });

const generation = async (namespace: string) =>
  (await kubectlJson<{ metadata: { generation: number } }>(['get', 'deployment', 'web', '-n', namespace]))
    .metadata.generation;

function target(page: Page, namespace: string) {
  return page.getByTestId('plan-target').and(page.locator(`[data-namespace="${namespace}"]`));
}

test.describe('cluster-wide restart plan', () => {
  test.beforeAll(async () => {
    await cleanUp();
    await applyScene(
      namespaceYaml(PROBE_NAMESPACE, { labels: { [SCOPE]: 'true' } }),
      ...NAMESPACES.flatMap((ns) => [
        namespaceYaml(ns, { labels: { [SCOPE]: 'true' }, annotations: { 'linkerd.io/inject': 'enabled' } }),
        deploymentYaml(ns, 'web'),
      ]),
    );
    for (const ns of NAMESPACES) await waitForRunningPods(ns, 'app.kubernetes.io/name=web', 1);
    await applyScene(downInjectorWebhookYaml(WEBHOOK, SCOPE, 'Ignore'));
    server = await startMeshwatch({
      name: 'meshwatch-plan',
      kubeconfig: ADMIN_KUBECONFIG,
      extraEnv: { MESHWATCH_PROBE_NAMESPACE: PROBE_NAMESPACE, MESHWATCH_PROBE_INTERVAL_SECONDS: '2' },
    });
  });

  test.afterAll(async () => {
    await server?.stop();
    await cleanUp();
  });

  test('previews two waves, runs wave 1, stops with the reason, and keeps the run across a reload', async ({
    page,
    shot,
  }, testInfo) => {
    const before = await Promise.all(NAMESPACES.map(generation));
    // The probe's first answers: new pods start without a proxy (bypassed), so the plan asks to confirm.
    await expect
      .poll(
        async () =>
          ((await (await fetch(`${server.url}/api/v1/injector`)).json()) as { probe: { state: string } })
            .probe.state,
        { timeout: 30_000 },
      )
      .toBe('bypassed');
    await page.goto(`${server.url}/restart-plan`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Restart plan');
    for (const ns of NAMESPACES) await expect(target(page, ns)).toContainText('1 missing-proxy');
    await expect(page.getByTestId('plan-commands')).toContainText(
      'kubectl rollout restart deployment/web -n e2e-plan-a',
    );

    await page.getByLabel('Workloads at a time').fill('2');
    const start = page.locator('[data-action="start-plan"]');
    await expect(start).toHaveText(/3 workloads in 2 waves/);
    // The injector is down: a second confirmation first, with the engine's reason per namespace.
    await expect(page.getByTestId('plan-refusals')).toContainText('failurePolicy is Ignore');
    await expect(start).toHaveAttribute('aria-disabled', 'true');
    await page.getByLabel('Run the plan anyway').check();

    await page.locator('[data-action="preview-plan"]').click();
    const preview = page.getByTestId('plan-preview');
    await expect(preview).toContainText('Dry run: 2 waves, nothing changed');
    await expect(preview.locator('li')).toHaveText([
      'e2e-plan-a/deployment/web, e2e-plan-b/deployment/web',
      'e2e-plan-c/deployment/web',
    ]);
    expect(await Promise.all(NAMESPACES.map(generation))).toEqual(before);
    await shot('restart-plan-preview');

    await start.click();
    const run = page.getByTestId('plan-run');
    await expect(run).toBeVisible();
    await expect(page.getByTestId('run-wave')).toHaveCount(2);
    // Wave 1 rolls out; its new pods come back without a proxy, so the plan stops and says why.
    await expect(run).toHaveAttribute('data-state', 'failed', { timeout: 90_000 });
    // Whichever wave-1 workload is judged first stops the plan.
    await expect(page.getByTestId('plan-run-reason')).toContainText(
      /Stopped at wave 1 of 2: Deployment web in e2e-plan-[ab]: its rollout finished but 1 of its new pods is still missing-proxy/,
    );
    const third = page.getByTestId('run-target').and(page.locator('[data-namespace="e2e-plan-c"]'));
    await expect(third).toHaveAttribute('data-state', 'cancelled');
    await shot('restart-plan-stopped');

    // The server owns the run: a reload shows the same outcome.
    await page.reload();
    await expect(page.getByTestId('plan-run')).toHaveAttribute('data-state', 'failed');
    await expect(page.getByTestId('plan-run-reason')).toContainText('Stopped at wave 1 of 2');
    // The full page (targets, confirmation, run with its waves, skipped list) passes axe too.
    await expectNoSeriousViolations(page, testInfo, 'restart-plan-run');

    const after = await Promise.all(NAMESPACES.map(generation));
    expect(after).toEqual([before[0]! + 1, before[1]! + 1, before[2]]);
  });
});
