// The 3 a.m. journey (#12): the injector's webhook (Linkerd's name, scoped to this journey's namespaces,
// failurePolicy Fail against a closed port) does not answer. The header and a banner say so; the restart
// dialog refuses, warns, lists the bare pod it will not replace, and goes ahead only on a second
// confirmation; the tray shows the ReplicaSet's FailedCreate and marks the rollout stalled; the activity
// page still lists the restart after the server itself restarts.
import { RestartDialog, RolloutTray } from './pages/action-dialogs';
import { expect, test } from './support/fixtures';
import { waitForRunningPods } from './support/kube';
import { startMeshwatch, type RunningServer } from './support/meshwatch-server';
import { ADMIN_KUBECONFIG } from './support/paths';
import {
  applyScene,
  barePodYaml,
  deleteScene,
  deploymentYaml,
  downInjectorWebhookYaml,
  namespaceYaml,
} from './support/scene';

const NAMESPACE = 'e2e-outage';
const PROBE_NAMESPACE = 'e2e-outage-probe';
const WEBHOOK = 'e2e-outage-injector';
const SCOPE = 'meshwatch.io/e2e-outage';
const env = {
  MESHWATCH_PROBE_NAMESPACE: PROBE_NAMESPACE,
  MESHWATCH_PROBE_INTERVAL_SECONDS: '2',
  MESHWATCH_ROLLOUT_STALL_SECONDS: '8',
};
let server: RunningServer;

const scene = { webhook: WEBHOOK, namespaces: [NAMESPACE, PROBE_NAMESPACE] };
const cleanUp = () => deleteScene(scene);

test.describe('injector unreachable under failurePolicy Fail', () => {
  test.beforeAll(async () => {
    await cleanUp();
    await applyScene(
      namespaceYaml(PROBE_NAMESPACE, { labels: { [SCOPE]: 'true' } }),
      namespaceYaml(NAMESPACE, {
        labels: { [SCOPE]: 'true' },
        annotations: { 'linkerd.io/inject': 'enabled' },
      }),
      deploymentYaml(NAMESPACE, 'web'),
      barePodYaml(NAMESPACE, 'toolbox'),
    );
    await waitForRunningPods(NAMESPACE, 'app.kubernetes.io/name=web', 1);
    await waitForRunningPods(NAMESPACE, 'app.kubernetes.io/name=toolbox', 1);
    await applyScene(downInjectorWebhookYaml(WEBHOOK, SCOPE, 'Fail'));
    server = await startMeshwatch({ name: 'meshwatch-outage', kubeconfig: ADMIN_KUBECONFIG, extraEnv: env });
  });

  test.afterAll(async () => {
    await server?.stop();
    await cleanUp();
  });

  test('banner, refused restart with a second confirmation, stalled tray, activity after a server restart', async ({
    page,
    shot,
  }) => {
    await page.goto(`${server.url}/namespaces/${NAMESPACE}`);
    const banner = page.getByTestId('injector-banner');
    await expect(banner).toContainText('Pod creation in injected namespaces is failing');
    await expect(banner).toContainText('connection refused');
    await expect(page.getByTestId('injector-probe')).toHaveAttribute('data-state', 'failing');
    await shot('injector-banner');

    await page.getByRole('button', { name: /^Restart the .* in e2e-outage$/ }).click();
    const dialog = new RestartDialog(page);
    await expect(dialog.refusal).toContainText('The proxy injector is not answering');
    await expect(dialog.root.getByTestId('restart-probe-warning')).toBeVisible();
    await dialog.force.check();
    await expect(dialog.previewRow('deployment/web')).toBeVisible();
    await expect(dialog.notReplaced).toContainText('pod/toolbox');
    await expect(dialog.notReplaced).toContainText('Delete pod toolbox and create it again');
    await shot('restart-dialog-bare-pod');
    await dialog.confirm.click();
    await expect(dialog.root).toBeHidden();

    const tray = new RolloutTray(page);
    const card = tray.card('deployment/web');
    await expect(card.getByTestId('rollout-problem').first()).toContainText('FailedCreate', {
      timeout: 30_000,
    });
    await expect(card.getByTestId('rollout-problem').first()).toContainText('failed calling webhook');
    await expect(card.getByTestId('rollout-target')).toHaveAttribute('data-phase', 'stalled', {
      timeout: 40_000,
    });
    await expect(card).toHaveAttribute('data-state', 'bad');
    await expect(card.getByTestId('rollout-summary')).toContainText('The rollout stalled');
    await shot('rollout-stalled');

    // The server restarts (same port): the activity comes back from meshwatch's own Events.
    const port = server.port;
    await server.stop();
    server = await startMeshwatch({
      name: 'meshwatch-outage-2',
      kubeconfig: ADMIN_KUBECONFIG,
      port,
      extraEnv: env,
    });
    await page.goto(`${server.url}/activity`);
    const entry = page
      .getByTestId('activity-row')
      .filter({ hasText: 'Restart workload' })
      .filter({ hasText: `${NAMESPACE}/Deployment/web` });
    await expect(entry.first()).toBeVisible();
    await expect(entry.first()).toContainText('event');
    await shot('activity-after-server-restart');
  });
});
