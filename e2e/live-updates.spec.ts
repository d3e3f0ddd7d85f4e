import { OverviewPage } from './pages/overview-page';
import { expect, test } from './support/fixtures';
import { startMeshwatch, type RunningServer } from './support/meshwatch-server';
import { ADMIN_KUBECONFIG } from './support/paths';

test.describe('live updates', () => {
  let server: RunningServer | undefined;

  test.afterEach(async () => {
    await server?.stop();
  });

  test('says when the stream is lost, with its age, and recovers without a reload', async ({
    page,
    shot,
  }) => {
    // A server of this test's own, so stopping it disturbs no other journey.
    server = await startMeshwatch({ name: 'meshwatch-stream-drop', kubeconfig: ADMIN_KUBECONFIG });
    const { port, url } = server;
    const overview = new OverviewPage(page);
    await page.goto(`${url}/`);
    await expect(overview.contextName).toBeVisible();
    const indicator = page.getByTestId('live-indicator');
    await expect(indicator).toHaveText('Live');

    await server.stop();
    const banner = page.getByTestId('live-banner');
    await expect(banner).toContainText(/Live updates lost \d+s ago/, { timeout: 30_000 });
    await expect(indicator).toHaveText('Reconnecting');
    // The last good data stays on screen.
    await expect(overview.row('payments')).toBeVisible();
    await shot('stream-down');

    server = await startMeshwatch({ name: 'meshwatch-stream-back', kubeconfig: ADMIN_KUBECONFIG, port });
    await expect(indicator).toHaveText('Live', { timeout: 60_000 });
    await expect(banner).toBeHidden();
  });
});
