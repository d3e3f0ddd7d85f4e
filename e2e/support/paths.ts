import { existsSync } from 'node:fs';
import path from 'node:path';

/** The repository root: the nearest folder upward from where Playwright runs that holds its config. */
function findRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'playwright.config.ts'))) return dir;
    if (path.dirname(dir) === dir) return start;
  }
}

// Where things are. Everything here is overridable by env for CI.
export const ROOT = findRoot(process.cwd());
export const TESTBED_DIR = process.env.MESHWATCH_TESTBED_DIR ?? path.join(ROOT, '.testbed');
export const ADMIN_KUBECONFIG = path.join(TESTBED_DIR, 'kubeconfig');
/** The CI pipeline builds once into `.next`; local runs next to another build use their own folder. */
export const DIST_DIR = process.env.MESHWATCH_DIST_DIR ?? '.next';
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Servers' logs and generated kubeconfigs: beside Playwright's own output. */
export const E2E_WORK_DIR = path.join(ROOT, 'test-results', 'e2e-support');
