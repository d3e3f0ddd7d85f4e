import { defineConfig } from '@playwright/test';

// Journeys run against the real testbed cluster and the production server (`next start`), which the
// fixtures start per profile (admin, read-only, limited ServiceAccount) on free loopback ports.
// The browser is the system Chromium: browser downloads do not work on these machines.
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: 'e2e',
  testMatch: '*.spec.ts',
  outputDir: 'test-results/e2e',
  globalSetup: './e2e/support/global-setup.ts',
  // One cluster, shared state, two cores: journeys run one at a time.
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 180_000,
  expect: { timeout: 20_000 },
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  use: {
    browserName: 'chromium',
    viewport: { width: 1440, height: 900 },
    colorScheme: 'light',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    actionTimeout: 15_000,
    navigationTimeout: 30_000,
    launchOptions: {
      executablePath: chromium,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  projects: [
    { name: 'chromium', testIgnore: '**/with-injector/**' },
    // Journeys that need Linkerd's real proxy injector, which the local testbed cannot run. Opt in with
    // MESHWATCH_E2E_INJECTOR=1 against a cluster that has it; without an injector they fail, loudly.
    ...(process.env.MESHWATCH_E2E_INJECTOR === '1'
      ? [{ name: 'with-injector', testMatch: 'with-injector/*.spec.ts' }]
      : []),
  ],
});
