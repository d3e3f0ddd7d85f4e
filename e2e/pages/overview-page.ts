import { expect, type Locator, type Page } from '@playwright/test';

export class OverviewPage {
  readonly contextName: Locator;
  readonly linkerdVersion: Locator;
  readonly kubernetesVersion: Locator;
  readonly noInjector: Locator;
  readonly summaryCards: Locator;
  readonly rows: Locator;
  readonly search: Locator;
  readonly attentionChip: Locator;

  constructor(readonly page: Page) {
    this.contextName = page.getByTestId('context-name');
    this.linkerdVersion = page.getByTestId('linkerd-version');
    this.kubernetesVersion = page.getByTestId('kubernetes-version');
    this.noInjector = page.getByTestId('no-injector');
    this.summaryCards = page.getByTestId('summary-cards');
    this.rows = page.getByTestId('namespace-row');
    this.search = page.getByRole('searchbox', { name: 'Filter namespaces' });
    this.attentionChip = page.getByRole('button', { name: /Needs attention/ });
  }

  async goto(query = ''): Promise<void> {
    await this.page.goto(`/${query}`);
    await expect(this.contextName).toBeVisible();
  }

  row(namespace: string): Locator {
    return this.rows.filter({ has: this.page.getByRole('link', { name: namespace, exact: true }) });
  }

  async openNamespace(namespace: string): Promise<void> {
    await this.row(namespace).getByRole('link', { name: namespace, exact: true }).click();
    await expect(this.page).toHaveURL(new RegExp(`/namespaces/${namespace}`));
  }
}
