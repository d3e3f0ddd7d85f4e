import { execFileSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import path from 'node:path';
import { assertTestbedReady } from './kube';
import { CHROMIUM_PATH, DIST_DIR, ROOT } from './paths';

/**
 * Fails the run up front, with the fix in the message, when the browser, the testbed or the build is
 * missing. Journeys never skip: a missing prerequisite is a red run.
 */
export default async function globalSetup(): Promise<void> {
  try {
    accessSync(CHROMIUM_PATH, constants.X_OK);
  } catch {
    throw new Error(
      `No Chromium at ${CHROMIUM_PATH}. Install the system browser (\`apt-get install -y chromium\`) or set CHROMIUM_PATH. ` +
        'Browser downloads (`npx playwright install`) are not used here.',
    );
  }

  await assertTestbedReady();

  const buildId = path.join(ROOT, DIST_DIR, 'BUILD_ID');
  if (!existsSync(buildId) || process.env.MESHWATCH_E2E_BUILD === '1') {
    console.log(`[e2e] building the production server into ${DIST_DIR}/ (next build)…`);
    execFileSync(
      process.execPath,
      [path.join(ROOT, 'node_modules', 'next', 'dist', 'bin', 'next'), 'build'],
      {
        cwd: ROOT,
        stdio: 'inherit',
        env: { ...process.env, MESHWATCH_DIST_DIR: DIST_DIR, NODE_ENV: 'production' },
      },
    );
  }
}
