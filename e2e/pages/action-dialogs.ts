import { expect, type Locator, type Page } from '@playwright/test';

export class InjectionDialog {
  readonly root: Locator;
  readonly consequence: Locator;
  readonly apply: Locator;
  readonly applied: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('injection-dialog');
    this.consequence = this.root.getByTestId('injection-consequence');
    this.apply = this.root.getByTestId('apply-injection');
    this.applied = this.root.getByTestId('injection-applied');
  }

  async choose(label: 'Enable' | 'Ingress' | 'Disable' | 'Remove annotation'): Promise<void> {
    await this.root.getByRole('radio', { name: new RegExp(`^${label}`) }).check();
  }
}

export class RestartDialog {
  readonly root: Locator;
  readonly preview: Locator;
  readonly confirm: Locator;
  /** A guard refusal (guarded namespace, or a restart that cannot work) and its second confirmation. */
  readonly refusal: Locator;
  readonly force: Locator;
  readonly notReplaced: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('restart-dialog');
    this.preview = this.root.getByTestId('restart-preview');
    this.confirm = this.root.getByTestId('confirm-restart');
    this.refusal = this.root.getByTestId('guard-refusal');
    this.force = this.root.getByTestId('force-confirm');
    this.notReplaced = this.root.getByTestId('not-replaced');
  }

  previewRow(workload: string): Locator {
    return this.preview.locator('tbody tr').filter({ hasText: workload });
  }
}

export class RolloutTray {
  constructor(readonly page: Page) {}

  card(workload: string): Locator {
    return this.page.getByTestId('rollout-card').filter({ hasText: workload });
  }

  async waitUntilFinished(workload: string, timeoutMs = 150_000): Promise<Locator> {
    const card = this.card(workload);
    await expect(card).toBeVisible();
    await expect(card).not.toHaveAttribute('data-state', 'running', { timeout: timeoutMs });
    return card;
  }
}

/** The metadata-change dialog (workload opt-in/out, lint fixes): dry-run preview, commands, apply. */
export class ChangeDialog {
  readonly root: Locator;
  readonly commands: Locator;
  readonly manifest: Locator;
  readonly consequence: Locator;
  readonly gitOpsWarning: Locator;
  readonly apply: Locator;
  readonly applied: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('change-dialog');
    this.commands = this.root.getByTestId('change-commands');
    this.manifest = this.root.getByTestId('change-manifest');
    this.consequence = this.root.getByTestId('change-consequence');
    this.gitOpsWarning = this.root.getByTestId('gitops-warning');
    this.apply = this.root.getByTestId('apply-change');
    this.applied = this.root.getByTestId('change-applied');
  }
}
