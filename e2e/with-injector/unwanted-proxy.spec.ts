import { InjectionDialog, RolloutTray } from '../pages/action-dialogs';
import { NamespacePage } from '../pages/namespace-page';
import { expect, test } from '../support/fixtures';
import { assertInjectorInstalled } from '../support/injector';

// Needs Linkerd: run with MESHWATCH_E2E_INJECTOR=1 against a cluster that has the proxy injector.
test.beforeAll(assertInjectorInstalled);

const MESHED = 'shop';

test('disables injection on a meshed namespace, restarts what has an unwanted proxy, follows it through', async ({
  page,
  shot,
}) => {
  const namespace = new NamespacePage(page);
  await namespace.goto(MESHED);
  await expect(namespace.statusChip('meshed')).not.toContainText(/\b0$/);

  await namespace.changeInjection.click();
  const dialog = new InjectionDialog(page);
  await dialog.choose('Disable');
  await expect(dialog.consequence).toContainText('will not change until restarted');
  await dialog.apply.click();
  await expect(dialog.applied).toBeVisible();
  await expect(namespace.statusChip('unwanted-proxy')).not.toContainText(/\b0$/);

  const plan = dialog.root.getByTestId('restart-plan');
  await expect(plan.getByTestId('restart-preview')).toBeVisible();
  await shot('injector-unwanted-proxy-plan');
  await plan.getByTestId('confirm-restart').click();

  const card = await new RolloutTray(page).waitUntilFinished('workloads', 300_000);
  await expect(card.getByTestId('rollout-summary')).toContainText('running without a proxy, as configured');
  await shot('injector-unwanted-proxy-done');
});
