import { InjectionDialog, RolloutTray } from '../pages/action-dialogs';
import { NamespacePage } from '../pages/namespace-page';
import { expect, test } from '../support/fixtures';
import { assertInjectorInstalled, assertSeeded, workloadPodProxies } from '../support/injector';

const MESHED = 'shop';

// Needs Linkerd: run with MESHWATCH_E2E_INJECTOR=1 against a cluster that has the proxy injector.
test.beforeAll(async () => {
  await assertInjectorInstalled();
  await assertSeeded(MESHED, true);
});

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

  // The injector, asked again at creation, left the proxy out of every restarted workload's pods.
  await expect.poll(async () => (await workloadPodProxies(MESHED)).filter((pod) => pod.proxy)).toEqual([]);
});
