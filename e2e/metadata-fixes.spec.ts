// Issue #14's fixes from the browser: a lint's Fix… button, a workload's own opt-out and opt-in followed
// in the rollout tray, and the GitOps warning on an Argo CD-managed namespace. Every change is checked
// on the live object with kubectl, never only on the page.
import { ChangeDialog, InjectionDialog, RolloutTray } from './pages/action-dialogs';
import { NamespacePage } from './pages/namespace-page';
import { expect, test } from './support/fixtures';
import { kubectl, kubectlJson } from './support/kube';
import { createScratchNamespace, deleteScratchNamespace } from './support/scratch-namespace';

const LINT_NS = 'e2e-lint-fix';
const OPT_NS = 'e2e-opt-out';

interface Meta {
  metadata: { labels?: Record<string, string>; annotations?: Record<string, string> };
}
interface DeploymentJson {
  spec: { template: Meta };
}

test.describe('fixes one click from the problem', () => {
  test.beforeAll(async () => {
    await createScratchNamespace({ name: LINT_NS, deployment: 'lister', replicas: 1 });
    // The mistake operators make: the setting written as a label, where the injector never reads it,
    // on a namespace Argo CD manages.
    await kubectl([
      'label',
      'namespace',
      LINT_NS,
      'linkerd.io/inject=enabled',
      'argocd.argoproj.io/instance=shop',
    ]);
    await createScratchNamespace({ name: OPT_NS, deployment: 'greeter', replicas: 1, inject: 'enabled' });
  });

  test.afterAll(async () => {
    await deleteScratchNamespace(LINT_NS);
    await deleteScratchNamespace(OPT_NS);
  });

  test('moves a namespace label to the annotation, warning first that Argo CD manages it', async ({
    page,
    shot,
  }) => {
    const namespace = new NamespacePage(page);
    await namespace.goto(LINT_NS);
    await expect(page.getByTestId('gitops-badge').first()).toHaveAttribute('data-tool', 'argocd');

    // The namespace's own Injection dialog says the same before anything changes.
    await namespace.changeInjection.click();
    const injection = new InjectionDialog(page);
    await expect(injection.root.getByTestId('gitops-warning')).toContainText('Argo CD app `shop`');
    await expect(injection.root.getByTestId('change-commands')).toContainText(
      `kubectl annotate namespace ${LINT_NS} linkerd.io/inject=enabled --overwrite`,
    );
    await injection.root.getByRole('button', { name: 'Cancel' }).click();
    await expect(injection.root).toBeHidden();

    const fix = page.locator('main [data-action="fix-lint"][data-lint="inject_set_as_label"]');
    await fix.click();
    const dialog = new ChangeDialog(page);
    await expect(dialog.gitOpsWarning).toContainText('reverted at the next sync');
    await expect(dialog.commands).toContainText(
      `kubectl annotate namespace ${LINT_NS} linkerd.io/inject=enabled --overwrite`,
    );
    await expect(dialog.commands).toContainText(`kubectl label namespace ${LINT_NS} linkerd.io/inject-`);
    await expect(dialog.manifest).toContainText('linkerd.io/inject: enabled');
    await shot('lint-fix-dry-run');
    const before = await kubectlJson<Meta>(['get', 'namespace', LINT_NS]);
    expect(before.metadata.annotations?.['linkerd.io/inject']).toBeUndefined();

    await dialog.apply.click(); // "Apply fix anyway": the GitOps case is never the silent default
    await expect(dialog.applied).toBeVisible();
    const after = await kubectlJson<Meta>(['get', 'namespace', LINT_NS]);
    expect(after.metadata.annotations?.['linkerd.io/inject']).toBe('enabled');
    expect(after.metadata.labels?.['linkerd.io/inject']).toBeUndefined();
    expect(after.metadata.labels?.['argocd.argoproj.io/instance']).toBe('shop');
    await dialog.applied.getByRole('button', { name: 'Close' }).click();
    await expect(fix).toBeHidden();
    await expect(namespace.injection).toContainText('enabled');
  });

  test('opts a Deployment out and back in on its pod template, following each rollout', async ({
    page,
    shot,
  }) => {
    const namespace = new NamespacePage(page);
    await namespace.goto(OPT_NS);
    const tray = new RolloutTray(page);
    const dialog = new ChangeDialog(page);
    const templateValue = async () =>
      (await kubectlJson<DeploymentJson>(['get', 'deployment', 'greeter', '-n', OPT_NS])).spec.template
        .metadata.annotations?.['linkerd.io/inject'];

    for (const [choice, value] of [
      ['Disable', 'disabled'],
      ['Enable', 'enabled'],
    ] as const) {
      await page
        .getByRole('button', { name: 'Change proxy injection on the pod template of deployment/greeter' })
        .click();
      // The dialog knows what the template says now, and starts from the opposite.
      await expect(dialog.root.locator('label', { hasText: 'Disable' })).toContainText(
        value === 'enabled' ? '(current)' : 'New pods start without a proxy',
      );
      await expect(dialog.root.getByRole('radio', { name: /^Enable/ })).toBeChecked();
      await dialog.root.getByRole('radio', { name: new RegExp(`^${choice}`) }).check();
      await expect(dialog.consequence).toContainText(/roll/i);
      await expect(dialog.commands).toContainText(
        `kubectl patch deployment greeter -n ${OPT_NS} --type=merge`,
      );
      await expect(dialog.commands).toContainText(`"linkerd.io/inject":"${value}"`);
      if (value === 'disabled') await shot('workload-opt-out-dry-run');
      await dialog.apply.click();
      await expect(dialog.applied).toBeVisible();
      expect(await templateValue()).toBe(value);
      await dialog.applied.getByRole('button', { name: 'Close' }).click();

      const card = await tray.waitUntilFinished('deployment/greeter');
      await expect(card.getByTestId('rollout-target')).toHaveAttribute('data-phase', 'done');
      await card.getByRole('button', { name: /Dismiss/ }).click();
      await expect(tray.card('deployment/greeter')).toBeHidden();
    }
  });
});
