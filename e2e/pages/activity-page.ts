import { expect, type Locator, type Page } from '@playwright/test';

export class ActivityPage {
  readonly rows: Locator;

  constructor(readonly page: Page) {
    this.rows = page.getByTestId('activity-row');
  }

  async goto(): Promise<void> {
    await this.page.goto('/activity');
    await expect(this.page.getByRole('heading', { name: 'Activity', level: 1 })).toBeVisible();
  }

  entry(action: string, target: string): Locator {
    return this.rows.filter({ hasText: action }).filter({ hasText: target });
  }
}
