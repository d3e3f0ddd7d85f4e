import type { Page } from '@playwright/test';
import { NamespacePage } from './pages/namespace-page';
import { OverviewPage } from './pages/overview-page';
import { PodPanel } from './pages/pod-panel';
import { expect, test } from './support/fixtures';
import { PREDATES_ANNOTATION } from './support/seed';

test.use({ serverProfile: 'read-only' });

/** Every action button on the page is off and carries the read-only reason (one snapshot: rows come and go live). */
async function expectNoLiveActions(page: Page): Promise<number> {
  const actions = page.locator('[data-action]');
  await expect(actions.first()).toBeVisible();
  await expect(actions.first()).toBeDisabled();
  const states = await actions.evaluateAll((buttons) =>
    buttons.map((button) => ({
      name: button.getAttribute('aria-label') ?? button.textContent,
      off: button.getAttribute('aria-disabled') === 'true',
      reason: button.getAttribute('data-blocked-reason') ?? '',
    })),
  );
  const live = states.filter((state) => !state.off || !/Read-only mode/.test(state.reason));
  expect(live, 'action buttons that are live in read-only mode').toEqual([]);
  return states.length;
}

test.describe('read-only mode (MESHWATCH_READ_ONLY=true)', () => {
  test('shows no live buttons, says why, and the server refuses changes', async ({ page, shot }) => {
    const overview = new OverviewPage(page);
    await overview.goto();
    await expect(page.getByTestId('read-only-badge')).toBeVisible();
    await expect(page.getByTestId('capability-notice')).toContainText('MESHWATCH_READ_ONLY=true');
    expect(await expectNoLiveActions(page)).toBeGreaterThanOrEqual(10);
    // Clicking an off button opens nothing.
    await page.locator('[data-action="injection"]').first().click({ force: true });
    await expect(page.getByTestId('injection-dialog')).toBeHidden();
    await shot('read-only-overview');

    const namespace = new NamespacePage(page);
    await namespace.goto(PREDATES_ANNOTATION);
    expect(await expectNoLiveActions(page)).toBeGreaterThanOrEqual(4);
    await namespace.restartWorkload('Deployment', 'payments-api').focus();
    await expect(page.getByText(/Read-only mode/).first()).toBeAttached();
    await shot('read-only-namespace');

    await namespace.podRows.first().getByRole('button').click();
    const panel = new PodPanel(page);
    await expect(panel.explanation).toBeVisible();
    const fixButtons = panel.root.locator('[data-action]');
    for (const button of await fixButtons.all())
      await expect(button).toHaveAttribute('aria-disabled', 'true');

    // The server enforces it too, whatever the UI shows.
    const answer = await page.evaluate(async () => {
      const capabilities = await (await fetch('/api/v1/capabilities')).json();
      const response = await fetch('/api/v1/namespaces/payments/injection', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-meshwatch-csrf': capabilities.csrfToken },
        body: JSON.stringify({ value: 'disabled', dryRun: true }),
      });
      return { status: response.status, body: await response.json() };
    });
    expect(answer.status).toBe(403);
    expect(answer.body.error.code).toBe('read_only');
  });
});
