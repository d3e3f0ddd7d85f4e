import type { Locator, Page } from '@playwright/test';

export class PodPanel {
  readonly root: Locator;
  readonly trace: Locator;
  readonly traceSteps: Locator;
  readonly fix: Locator;
  readonly explanation: Locator;
  readonly evidence: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('pod-panel');
    this.explanation = this.root.getByTestId('pod-explanation');
    this.trace = this.root.getByTestId('rule-trace');
    this.traceSteps = this.trace.locator('li');
    this.fix = this.root.getByTestId('pod-fix');
    this.evidence = this.root.getByTestId('injector-evidence');
  }

  injectorEvents(): Locator {
    return this.root.getByRole('heading', { name: 'Injector events' }).locator('xpath=..');
  }

  async close(): Promise<void> {
    await this.root.getByRole('button', { name: 'Close' }).click();
  }
}
