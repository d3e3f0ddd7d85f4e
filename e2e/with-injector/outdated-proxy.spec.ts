import { parse } from 'yaml';
import { RestartDialog, RolloutTray } from '../pages/action-dialogs';
import { NamespacePage } from '../pages/namespace-page';
import { OverviewPage } from '../pages/overview-page';
import { kubectlJson } from '../support/kube';
import { expect, test } from '../support/fixtures';
import { assertInjectorInstalled, workloadPodProxies } from '../support/injector';

/** Scenario 11 (testbed/linkerd/seed/11-orders.yaml): meshed, then the control plane was upgraded. */
const OUTDATED = 'orders';

/** What the injector injects today: it writes proxy.image.version, else linkerdVersion (linkerd-config). */
async function injectedVersion(): Promise<string> {
  const cm = await kubectlJson<{ data: { values: string } }>([
    'get',
    'configmap',
    'linkerd-config',
    '-n',
    'linkerd',
  ]);
  const values = parse(cm.data.values) as {
    linkerdVersion?: string;
    proxy?: { image?: { version?: string } };
  };
  return values.proxy?.image?.version || values.linkerdVersion || '';
}

// Needs Linkerd: run with MESHWATCH_E2E_INJECTOR=1 on a testbed seeded with scenario 11 (testbed/linkerd/).
test.beforeAll(async () => {
  await assertInjectorInstalled();
  const current = await injectedVersion();
  const pods = await workloadPodProxies(OUTDATED);
  if (pods.length === 0 || pods.some((pod) => !pod.proxy || pod.proxyVersion === current)) {
    throw new Error(
      `This journey needs scenario 11 (${OUTDATED} meshed before an upgrade to ${current}), found ` +
        `${pods.map((pod) => `${pod.name}@${pod.proxyVersion ?? 'no proxy'}`).join(', ') || 'no pods'}. ` +
        'Run `npm run testbed:seed` with MESHWATCH_LINKERD_CLI/CONTROLLER set.',
    );
  }
});

test('finds proxies older than the control plane after an upgrade, restarts them onto the new version', async ({
  page,
  shot,
}) => {
  const overview = new OverviewPage(page);
  await overview.goto('?only=attention');
  await expect(overview.row(OUTDATED)).toContainText('outdated-proxy');
  await overview.openNamespace(OUTDATED);

  const namespace = new NamespacePage(page);
  await expect(namespace.statusChip('outdated-proxy')).not.toContainText(/\b0$/);
  await shot('injector-outdated-proxy');
  await namespace.restartAffected.click();
  const dialog = new RestartDialog(page);
  await expect(dialog.preview).toBeVisible();
  await dialog.confirm.click();

  const card = await new RolloutTray(page).waitUntilFinished('workloads', 300_000);
  await expect(card.getByTestId('rollout-summary')).toContainText('meshed, proxies ready');
  await expect(namespace.statusChip('outdated-proxy')).toContainText('0');

  // The restarted pods went through the upgraded injector: every one carries today's proxy version.
  const current = await injectedVersion();
  await expect
    .poll(async () => (await workloadPodProxies(OUTDATED)).filter((pod) => pod.proxyVersion !== current))
    .toEqual([]);
});
