import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { test as base, expect } from '@playwright/test';
import { assertTestbedReady } from './kube';
import { limitedKubeconfig, removeLimitedAccount } from './limited-sa';
import { startMeshwatch, type RunningServer } from './meshwatch-server';
import { ADMIN_KUBECONFIG, ROOT } from './paths';

/**
 * Which meshwatch a spec talks to: full admin, MESHWATCH_READ_ONLY=true, a read-only ServiceAccount, or
 * MESHWATCH_AUTH=user (acting as whoever signs in; the console itself reads with the admin kubeconfig).
 */
export type ServerProfile = 'admin' | 'read-only' | 'limited' | 'user';

const SCREENSHOT_DIR = path.join(ROOT, 'test-results', 'screenshots');

interface TestFixtures {
  /** Full-page screenshot into the test's output dir, attached to the report, copied to test-results/screenshots/. */
  shot: (name: string) => Promise<void>;
  /** Uncaught page errors fail the test. */
  pageErrors: Error[];
}

interface WorkerFixtures {
  serverProfile: ServerProfile;
  meshwatch: RunningServer;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  serverProfile: ['admin', { scope: 'worker', option: true }],

  meshwatch: [
    async ({ serverProfile }, provide, workerInfo) => {
      await assertTestbedReady();
      const kubeconfig = serverProfile === 'limited' ? await limitedKubeconfig() : ADMIN_KUBECONFIG;
      const server = await startMeshwatch({
        name: `meshwatch-${serverProfile}-w${workerInfo.workerIndex}`,
        kubeconfig,
        readOnly: serverProfile === 'read-only',
        ...(serverProfile === 'user' ? { extraEnv: { MESHWATCH_AUTH: 'user' } } : {}),
      });
      await provide(server);
      await server.stop();
      if (serverProfile === 'limited') await removeLimitedAccount();
    },
    { scope: 'worker', timeout: 240_000 },
  ],

  baseURL: async ({ meshwatch }, provide) => {
    await provide(meshwatch.url);
  },

  pageErrors: [
    async ({ page }, provide) => {
      const errors: Error[] = [];
      page.on('pageerror', (error) => errors.push(error));
      await provide(errors);
      expect(
        errors.map((error) => error.message),
        'uncaught errors in the page',
      ).toEqual([]);
    },
    { auto: true },
  ],

  shot: async ({ page }, provide, testInfo) => {
    await provide(async (name: string) => {
      const file = testInfo.outputPath(`${name}.png`);
      await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
      await testInfo.attach(name, { path: file, contentType: 'image/png' });
      mkdirSync(SCREENSHOT_DIR, { recursive: true });
      copyFileSync(file, path.join(SCREENSHOT_DIR, `${name}.png`));
    });
  },
});

export { expect };
