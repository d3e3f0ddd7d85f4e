import { NamespacePage } from './pages/namespace-page';
import { OverviewPage } from './pages/overview-page';
import { PodPanel } from './pages/pod-panel';
import { ActivityPage } from './pages/activity-page';
import { expectNoSeriousViolations } from './support/axe';
import { expect, test } from './support/fixtures';
import { HOST_NETWORK, PREDATES_ANNOTATION, UNANNOTATED } from './support/seed';

for (const scheme of ['light', 'dark'] as const) {
  test.describe(`accessibility (${scheme})`, () => {
    test.beforeEach(async ({ page }) => {
      await page.emulateMedia({ colorScheme: scheme });
    });

    test('overview, activity and the restart plan have no serious or critical axe violations', async ({
      page,
    }, testInfo) => {
      await new OverviewPage(page).goto();
      await expectNoSeriousViolations(page, testInfo, `overview-${scheme}`);
      await new ActivityPage(page).goto();
      await expectNoSeriousViolations(page, testInfo, `activity-${scheme}`);
      await page.goto('/restart-plan');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Restart plan');
      await expectNoSeriousViolations(page, testInfo, `restart-plan-${scheme}`);
    });

    test('namespace page, pod panel and dialogs have no serious or critical axe violations', async ({
      page,
    }, testInfo) => {
      const namespace = new NamespacePage(page);
      await namespace.goto(HOST_NETWORK.namespace, '?status=not-injectable');
      await expectNoSeriousViolations(page, testInfo, `namespace-${scheme}`);

      await namespace.podRows.first().getByRole('button').click();
      await expect(new PodPanel(page).explanation).toBeVisible();
      await expectNoSeriousViolations(page, testInfo, `pod-panel-${scheme}`);
      await page.keyboard.press('Escape');

      // The dialogs open with a server dry run: nothing changes in the cluster.
      await namespace.goto(UNANNOTATED);
      await namespace.changeInjection.click();
      await expect(page.getByTestId('injection-consequence')).toBeVisible();
      await expectNoSeriousViolations(page, testInfo, `injection-dialog-${scheme}`);
      await page.keyboard.press('Escape');

      await namespace.goto(PREDATES_ANNOTATION);
      await namespace.restartWorkload('Deployment', 'payments-api').click();
      // No injector in the testbed: the dialog first shows the engine's refusal and its second confirmation.
      await expect(page.getByTestId('guard-refusal')).toBeVisible();
      await expectNoSeriousViolations(page, testInfo, `restart-refusal-${scheme}`);
      await page.getByTestId('force-confirm').check();
      await expect(page.getByTestId('restart-preview')).toBeVisible();
      await expectNoSeriousViolations(page, testInfo, `restart-dialog-${scheme}`);
    });
  });
}

test('keyboard: skip link, table links and the pod panel work without a mouse', async ({ page }) => {
  await new OverviewPage(page).goto();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
  await page.keyboard.press('Enter');

  const namespace = new NamespacePage(page);
  await namespace.goto(HOST_NETWORK.namespace);
  const firstPod = namespace.podRows.first().getByRole('button');
  await firstPod.focus();
  await expect(firstPod).toBeFocused();
  await page.keyboard.press('Enter');
  const panel = new PodPanel(page);
  await expect(panel.explanation).toBeVisible();
  await expect(panel.root.getByRole('button', { name: 'Close' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(panel.root).toBeHidden();
  // Focus returns to where it was.
  await expect(firstPod).toBeFocused();

  // Shortcuts: `/` jumps to the search box, `g a` / `g o` move between pages.
  await page.keyboard.press('/');
  await expect(page.getByRole('searchbox')).toBeFocused();
  await page.keyboard.press('Escape');
  await page.locator('main').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('g');
  await page.keyboard.press('a');
  await expect(page).toHaveURL(/\/activity$/);
  await page.keyboard.press('g');
  await page.keyboard.press('o');
  await expect(page).toHaveURL(/\/(\?.*)?$/);
});
