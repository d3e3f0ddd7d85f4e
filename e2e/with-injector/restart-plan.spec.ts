// Needs Linkerd: the cluster-wide restart plan finishing for real (#14). Three namespaces whose pods
// started before they were annotated (missing-proxy); a two-wave plan restarts them, the second wave
// starts only after the first one's new pods carry the real injector's proxy, and the run ends done.
import { expect, test } from '../support/fixtures';
import { assertInjectorInstalled, workloadPodProxies } from '../support/injector';
import { kubectl, waitForRunningPods } from '../support/kube';
import { applyScene, deleteScene, deploymentYaml, namespaceYaml } from '../support/scene';

const NAMESPACES = ['e2e-li-plan-a', 'e2e-li-plan-b', 'e2e-li-plan-c'];

const cleanUp = () => deleteScene({ namespaces: NAMESPACES });

test.beforeAll(async () => {
  await assertInjectorInstalled();
  await cleanUp();
  await applyScene(...NAMESPACES.flatMap((ns) => [namespaceYaml(ns), deploymentYaml(ns, 'web', 2)]));
  for (const ns of NAMESPACES) {
    await waitForRunningPods(ns, 'app.kubernetes.io/name=web', 2);
    await kubectl(['annotate', 'namespace', ns, 'linkerd.io/inject=enabled', '--overwrite']);
  }
});

test.afterAll(cleanUp);

test('runs a two-wave plan over three namespaces and watches it finish meshed', async ({ page, shot }) => {
  await page.goto('/restart-plan');
  for (const ns of NAMESPACES) {
    await expect(page.getByTestId('plan-target').and(page.locator(`[data-namespace="${ns}"]`))).toContainText(
      '2 missing-proxy',
    );
  }
  // Only this journey's namespaces: untick the rest the seeded cluster may list.
  for (const other of await page.getByTestId('plan-namespace').all()) {
    const name = await other.getAttribute('data-namespace');
    if (name && !NAMESPACES.includes(name)) await other.getByRole('checkbox').uncheck();
  }
  await page.getByLabel('Workloads at a time').fill('2');
  const start = page.locator('[data-action="start-plan"]');
  await expect(start).toHaveText(/3 workloads in 2 waves/);
  await start.click();

  const run = page.getByTestId('plan-run');
  await expect(run).toHaveAttribute('data-state', 'done', { timeout: 300_000 });
  await expect(page.getByTestId('run-target').and(page.locator('[data-state="done"]'))).toHaveCount(3);
  await shot('injector-restart-plan-done');
  for (const ns of NAMESPACES) {
    const pods = await workloadPodProxies(ns);
    expect(pods.length, ns).toBe(2);
    for (const pod of pods) expect(pod.injectedBy, pod.name).toMatch(/^linkerd\/proxy-injector /);
  }
});
