import { RestartDialog, RolloutTray } from './pages/action-dialogs';
import { ActivityPage } from './pages/activity-page';
import { NamespacePage } from './pages/namespace-page';
import { expect, test } from './support/fixtures';
import { kubectlJson, waitForRunningPods } from './support/kube';
import {
  createScratchNamespace,
  deleteScratchNamespace,
  type ScratchNamespace,
} from './support/scratch-namespace';

const NAMESPACE = 'e2e-restart';
let scratch: ScratchNamespace;

test.describe('restart a workload and follow the rollout', () => {
  test.beforeAll(async () => {
    scratch = await createScratchNamespace({
      name: NAMESPACE,
      deployment: 'web',
      replicas: 2,
      inject: 'enabled',
    });
  });

  test.afterAll(async () => {
    await deleteScratchNamespace(NAMESPACE);
  });

  test('previews, restarts for real and follows until the new pods run (unmeshed: no injector)', async ({
    page,
    shot,
  }) => {
    const before = await waitForRunningPods(NAMESPACE, scratch.selector, 2);
    const namespace = new NamespacePage(page);
    await namespace.goto(NAMESPACE);
    await expect(namespace.podRows).toHaveCount(2);

    await namespace.restartWorkload('Deployment', 'web').click();
    const dialog = new RestartDialog(page);
    await expect(dialog.root).toBeVisible();
    // No injector in the testbed: the engine says a restart cannot inject anything (#8.8); the user
    // confirms a second time to restart anyway.
    await expect(dialog.refusal).toContainText('No proxy injector webhook is installed');
    await expect(dialog.confirm).toHaveAttribute('aria-disabled', 'true');
    await dialog.force.check();
    const preview = dialog.previewRow('deployment/web');
    await expect(preview).toContainText('2');
    await expect(preview).toContainText('restart');
    await shot('restart-dialog-dry-run');
    // Still the same pods: the preview was a dry run.
    const stillBefore = await waitForRunningPods(NAMESPACE, scratch.selector, 2);
    expect(stillBefore.map((pod) => pod.metadata.uid).sort()).toEqual(
      before.map((pod) => pod.metadata.uid).sort(),
    );

    await dialog.confirm.click();
    await expect(dialog.root).toBeHidden();

    const tray = new RolloutTray(page);
    await expect(tray.card('deployment/web')).toBeVisible();
    const card = await tray.waitUntilFinished('deployment/web');
    await expect(card.getByTestId('rollout-target')).toHaveAttribute('data-phase', 'done');
    // Running, but not meshed: the engine's reason for the new pods is the missing injector.
    await expect(card.getByTestId('rollout-summary')).toContainText(
      'Restart complete: 2 new pods running, but not meshed',
    );
    await expect(card.getByTestId('rollout-summary')).toContainText('no proxy injector webhook is installed');
    await shot('rollout-finished');

    // The cluster agrees: two new Running pods, none of the old ones.
    const after = await waitForRunningPods(NAMESPACE, scratch.selector, 2);
    const oldUids = new Set(before.map((pod) => pod.metadata.uid));
    expect(after.some((pod) => oldUids.has(pod.metadata.uid))).toBe(false);
    const deployment = await kubectlJson<{
      spec: { template: { metadata: { annotations?: Record<string, string> } } };
    }>(['get', 'deployment', 'web', '-n', NAMESPACE]);
    expect(deployment.spec.template.metadata.annotations?.['kubectl.kubernetes.io/restartedAt']).toBeTruthy();
    for (const pod of after) await expect(namespace.podButton(pod.metadata.name)).toBeVisible();

    await card.getByRole('button', { name: 'Dismiss' }).click();
    await expect(tray.card('deployment/web')).toBeHidden();

    const activity = new ActivityPage(page);
    await activity.goto();
    await expect(activity.entry('Restart workload', 'web').first()).toBeVisible();
  });
});
