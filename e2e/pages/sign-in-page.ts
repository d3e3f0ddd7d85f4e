import type { Locator, Page } from '@playwright/test';

export class SignInPage {
  readonly heading: Locator;
  readonly token: Locator;
  readonly submit: Locator;
  readonly error: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'Sign in with your Kubernetes identity' });
    this.token = page.getByLabel('Bearer token');
    this.submit = page.getByRole('button', { name: 'Sign in', exact: true });
    this.error = page.getByTestId('sign-in-error');
  }

  async with(token: string): Promise<void> {
    await this.token.fill(token);
    await this.submit.click();
  }
}
