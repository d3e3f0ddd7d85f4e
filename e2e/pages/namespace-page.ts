import { expect, type Locator, type Page } from '@playwright/test';

export class NamespacePage {
  readonly heading: Locator;
  readonly injection: Locator;
  readonly workloadRows: Locator;
  readonly podRows: Locator;
  readonly podTable: Locator;
  readonly search: Locator;
  readonly changeInjection: Locator;
  readonly restartAffected: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1 });
    this.injection = page.getByTestId('namespace-injection');
    this.workloadRows = page.getByTestId('workload-row');
    this.podRows = page.getByTestId('pod-row');
    this.podTable = page.getByRole('region', { name: 'Pods' });
    this.search = page.getByRole('searchbox', { name: 'Search workloads and pods' });
    this.changeInjection = page.getByRole('button', { name: /Change proxy injection for/ });
    this.restartAffected = page.locator('main [data-action="restart-namespace"]');
  }

  async goto(namespace: string, query = ''): Promise<void> {
    await this.page.goto(`/namespaces/${namespace}${query}`);
    await expect(this.heading).toHaveText(namespace);
  }

  statusChip(status: string): Locator {
    return this.page
      .getByRole('group', { name: 'Filter by status' })
      .getByRole('button', { name: new RegExp(`^${status}\\b`) });
  }

  workloadRow(name: string): Locator {
    return this.workloadRows.filter({ hasText: name });
  }

  restartWorkload(kind: string, name: string): Locator {
    return this.page.getByRole('button', { name: `Restart ${kind.toLowerCase()}/${name}`, exact: true });
  }

  podButton(name: string | RegExp): Locator {
    return this.podRows.getByRole('button', { name: typeof name === 'string' ? `Explain ${name}` : name });
  }

  /** Pod names currently rendered in the (virtualised) pod table. */
  async visiblePodNames(): Promise<string[]> {
    return this.podRows.locator('td:first-child button').allInnerTexts();
  }
}
