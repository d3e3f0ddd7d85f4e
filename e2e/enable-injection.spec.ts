import { ActivityPage } from './pages/activity-page';
import { InjectionDialog } from './pages/action-dialogs';
import { NamespacePage } from './pages/namespace-page';
import { expect, test } from './support/fixtures';
import { kubectl } from './support/kube';
import {
  createScratchNamespace,
  deleteScratchNamespace,
  namespaceAnnotation,
} from './support/scratch-namespace';

const NAMESPACE = 'e2e-enable';

test.describe('enable injection on an unannotated namespace', () => {
  test.beforeAll(async () => {
    await createScratchNamespace({ name: NAMESPACE, deployment: 'greeter', replicas: 2 });
  });

  test.afterAll(async () => {
    await deleteScratchNamespace(NAMESPACE);
  });

  test('confirms with a dry run, patches for real, and shows the annotation live', async ({ page, shot }) => {
    const namespace = new NamespacePage(page);
    await namespace.goto(NAMESPACE);
    await expect(namespace.injection).toContainText('not set');
    await expect(namespace.podRows).toHaveCount(2);
    await expect(namespace.podRows.first()).toContainText('unmeshed');

    await namespace.changeInjection.click();
    const dialog = new InjectionDialog(page);
    await expect(dialog.root).toBeVisible();
    await expect(dialog.root.getByRole('radio', { name: /^Enable/ })).toBeChecked();
    // The server's dry run states the consequence before anything changes.
    await expect(dialog.consequence).toBeVisible();
    await expect(dialog.consequence).toContainText(
      /will not change until restarted|nothing will need a restart/,
    );
    await expect(dialog.consequence).toContainText(`${NAMESPACE}: linkerd.io/inject (not set) → enabled`);
    expect(await namespaceAnnotation(NAMESPACE)).toBeUndefined();
    await shot('injection-dialog-dry-run');

    await dialog.apply.click();
    await expect(dialog.applied).toContainText(`linkerd.io/inject is now “enabled” on ${NAMESPACE}`);
    await shot('injection-dialog-applied');
    expect(await namespaceAnnotation(NAMESPACE)).toBe('enabled');

    // Next step offered: restart what is affected (with its own dry run), or nothing when nothing would change.
    const restartPlan = dialog.root.getByTestId('restart-plan');
    if (await restartPlan.isVisible()) {
      await expect(restartPlan.getByTestId('restart-preview')).toBeVisible();
      await restartPlan.getByRole('button', { name: 'Not now' }).click();
    } else {
      await dialog.root.getByRole('button', { name: 'Done' }).click();
    }
    await expect(dialog.root).toBeHidden();
    await expect(namespace.injection).toContainText('enabled');
    // Without an injector the engine now calls the pods not-injectable, and says why.
    await expect(namespace.podRows.first()).toContainText('not-injectable');

    // A change made outside meshwatch arrives through the stream, with no reload.
    await kubectl(['annotate', 'namespace', NAMESPACE, 'linkerd.io/inject=disabled', '--overwrite']);
    await expect(namespace.injection).toContainText('disabled');
    await expect(namespace.podRows.first()).toContainText('unmeshed');

    const activity = new ActivityPage(page);
    await activity.goto();
    await expect(activity.entry('Set injection', NAMESPACE).first()).toBeVisible();
    await shot('activity');
  });
});
