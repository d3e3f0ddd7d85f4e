import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { NamespacePage } from './pages/namespace-page';
import { OverviewPage } from './pages/overview-page';
import { PodPanel } from './pages/pod-panel';
import { assertTestbedReady, kubectl } from './support/kube';
import { startMeshwatch, type RunningServer } from './support/meshwatch-server';
import { ADMIN_KUBECONFIG, E2E_WORK_DIR } from './support/paths';
import { PREDATES_ANNOTATION } from './support/seed';

// The dashboard opened on a kubectl dump of the seeded testbed (MESHWATCH_SNAPSHOT): every page works,
// each says it is a snapshot and of when, and there is not a single action button.
const RESOURCES =
  'namespaces,pods,deployments,statefulsets,daemonsets,replicasets,jobs,cronjobs,mutatingwebhookconfigurations,configmaps';

let server: RunningServer;

test.beforeAll(async () => {
  await assertTestbedReady();
  mkdirSync(E2E_WORK_DIR, { recursive: true });
  const dump = path.join(E2E_WORK_DIR, 'snapshot-dump.json');
  writeFileSync(dump, await kubectl(['get', RESOURCES, '-A', '--show-managed-fields', '-o', 'json']));
  server = await startMeshwatch({
    name: 'meshwatch-snapshot',
    kubeconfig: ADMIN_KUBECONFIG,
    extraEnv: { MESHWATCH_SNAPSHOT: dump },
  });
});

test.afterAll(async () => {
  await server?.stop();
});

/** The banner is up and capabilities have loaded (the read-only badge): only then is "no buttons" true. */
async function expectSnapshotPage(page: Page): Promise<void> {
  await expect(page.getByTestId('snapshot-banner')).toContainText(/Snapshot of .+ ago/);
  await expect(page.getByTestId('snapshot-banner')).toContainText('snapshot-dump.json');
  await expect(page.getByTestId('read-only-badge')).toBeVisible();
  await expect(page.locator('[data-action]')).toHaveCount(0);
}

test('the dashboard on a dump shows the snapshot banner and no live buttons', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));

  await page.goto(`${server.url}/`);
  const overview = new OverviewPage(page);
  await expect(overview.contextName).toContainText('snapshot snapshot-dump.json');
  await expect(overview.rows.first()).toBeVisible();
  await expectSnapshotPage(page);
  await expect(page.getByTestId('capability-notice')).toHaveCount(0);

  await page.goto(`${server.url}/namespaces/${PREDATES_ANNOTATION}`);
  const namespace = new NamespacePage(page);
  await expect(namespace.podRows.first()).toBeVisible();
  await expectSnapshotPage(page);

  await namespace.podRows.first().getByRole('button').click();
  const panel = new PodPanel(page);
  await expect(panel.explanation).toBeVisible();
  await expect(panel.trace).toBeVisible();
  await expect(panel.root.locator('[data-action]')).toHaveCount(0);

  await page.goto(`${server.url}/activity`);
  await expectSnapshotPage(page);
  expect(errors, 'uncaught errors in the page').toEqual([]);
});
