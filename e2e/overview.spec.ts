import { OverviewPage } from './pages/overview-page';
import { expect, test } from './support/fixtures';
import { PREDATES_ANNOTATION, SEEDED_NAMESPACES, UNANNOTATED } from './support/seed';
import { bodyLightness } from './support/theme';

test.describe('overview', () => {
  test('shows the cluster, every seeded namespace and that no injector is installed', async ({
    page,
    shot,
  }) => {
    const overview = new OverviewPage(page);
    await overview.goto();

    await expect(overview.contextName).not.toBeEmpty();
    await expect(overview.kubernetesVersion).toContainText(/v1\.\d+/);
    // The testbed cannot run Linkerd: the page must say so prominently, with what to do.
    await expect(overview.linkerdVersion).toContainText('not installed');
    await expect(page.getByTestId('injector-webhook')).toContainText('absent');
    await expect(overview.noInjector).toContainText('no proxy-injector webhook');
    await expect(overview.noInjector).toContainText('linkerd install');

    for (const namespace of SEEDED_NAMESPACES) await expect(overview.row(namespace)).toBeVisible();
    // Annotated, but nothing can inject: the engine says not-injectable.
    await expect(overview.row(PREDATES_ANNOTATION)).toContainText('enabled');
    await expect(overview.row(PREDATES_ANNOTATION)).toContainText('not-injectable');
    await expect(overview.row(UNANNOTATED)).toContainText('not set');
    await expect(overview.summaryCards).toContainText('Not injectable');
    await shot('overview');
  });

  test('search and the attention filter live in the URL', async ({ page }) => {
    const overview = new OverviewPage(page);
    await overview.goto();
    await overview.search.fill('pay');
    await expect(page).toHaveURL(/[?&]q=pay/);
    await expect(overview.rows).toHaveCount(1);
    await expect(overview.row('payments')).toBeVisible();

    await overview.search.fill('');
    await overview.attentionChip.click();
    await expect(page).toHaveURL(/only=attention/);
    await expect(overview.row('payments')).toBeVisible();

    // A shared link opens the same view.
    const shared = await page.context().newPage();
    const sharedOverview = new OverviewPage(shared);
    await sharedOverview.goto('?q=pay&only=attention');
    await expect(sharedOverview.search).toHaveValue('pay');
    await expect(sharedOverview.attentionChip).toHaveAttribute('aria-pressed', 'true');
    await expect(sharedOverview.rows).toHaveCount(1);
    await shared.close();
  });

  test('follows a dark system theme', async ({ page, shot }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    const overview = new OverviewPage(page);
    await overview.goto();
    expect(await bodyLightness(page)).toBeLessThan(0.3);
    await shot('overview-dark');

    await page.emulateMedia({ colorScheme: 'light' });
    expect(await bodyLightness(page)).toBeGreaterThan(0.9);
  });

  test('has a favicon and the product name in the header', async ({ page, request }) => {
    const overview = new OverviewPage(page);
    await overview.goto();
    await expect(page.getByRole('banner').getByRole('link', { name: 'meshwatch' })).toBeVisible();
    const icon = await page.locator('link[rel="icon"]').first().getAttribute('href');
    expect(icon).toBeTruthy();
    const response = await request.get(icon!);
    expect(response.ok()).toBe(true);
    expect(response.headers()['content-type']).toContain('svg');
  });
});
