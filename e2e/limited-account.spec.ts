import { NamespacePage } from './pages/namespace-page';
import { OverviewPage } from './pages/overview-page';
import { expect, test } from './support/fixtures';
import { PREDATES_ANNOTATION } from './support/seed';

// meshwatch runs as a real ServiceAccount that may read everything and patch nothing (e2e/support/limited-sa.ts).
test.use({ serverProfile: 'limited' });

test.describe('a ServiceAccount with read-only RBAC', () => {
  test('sees the data, and every action off with the RBAC reason', async ({ page, shot }) => {
    const overview = new OverviewPage(page);
    await overview.goto();
    await expect(overview.row(PREDATES_ANNOTATION)).toBeVisible();
    await expect(page.getByTestId('read-only-badge')).toBeHidden();

    const notice = page.getByTestId('capability-notice');
    await expect(notice).toContainText('Some actions are off: meshwatch cannot change injection');
    await expect(notice).toContainText('may not patch namespaces');

    const injection = overview.row(PREDATES_ANNOTATION).locator('[data-action="injection"]');
    await expect(injection).toBeDisabled();
    await expect(injection).toHaveAttribute('data-blocked-reason', /may not patch namespaces/);
    await shot('limited-sa-overview');

    const namespace = new NamespacePage(page);
    await namespace.goto(PREDATES_ANNOTATION);
    const restart = namespace.restartWorkload('Deployment', 'payments-api');
    await expect(restart).toBeDisabled();
    await expect(restart).toHaveAttribute('data-blocked-reason', /may not patch deployments\.apps/);
    const restartLedger = namespace.restartWorkload('StatefulSet', 'ledger');
    await expect(restartLedger).toHaveAttribute('data-blocked-reason', /may not patch statefulsets\.apps/);
    // The reason is announced with the button (aria-describedby), not only shown on hover.
    const describedBy = await restart.getAttribute('aria-describedby');
    await expect(page.locator(`[id="${describedBy}"]`)).toContainText('may not patch deployments.apps');
    await restart.click({ force: true });
    await expect(page.getByTestId('restart-dialog')).toBeHidden();
    await shot('limited-sa-namespace');
  });
});
