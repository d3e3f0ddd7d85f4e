import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { DIST_DIR, E2E_WORK_DIR, ROOT } from './paths';

export interface ServerOptions {
  /** Names the log file: test-results/e2e-support/<name>.log. */
  name: string;
  kubeconfig: string;
  readOnly?: boolean;
  /** Reuse a port (to bring a stopped server back where the page expects it); a free one otherwise. */
  port?: number;
  extraEnv?: Record<string, string>;
}

export interface RunningServer {
  url: string;
  port: number;
  logPath: string;
  stop: () => Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function tail(file: string, lines = 30): string {
  try {
    return readFileSync(file, 'utf8').trim().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

async function waitUntilReady(
  url: string,
  child: ChildProcess,
  logPath: string,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(
        `meshwatch exited with code ${child.exitCode} before it was ready. Log (${logPath}):\n${tail(logPath)}`,
      );
    }
    try {
      const response = await fetch(`${url}/api/readyz`, { signal: AbortSignal.timeout(5_000) });
      if (response.ok) return;
      last = `readyz answered ${response.status}: ${(await response.text()).slice(0, 300)}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(
    `meshwatch at ${url} was not ready after ${timeoutMs / 1000}s (${last}). Log (${logPath}):\n${tail(logPath)}`,
  );
}

/**
 * Starts the production server (`next start`) from the already built DIST_DIR on a free loopback port,
 * with its own KUBECONFIG and env, and waits until its cluster cache has synced (/api/readyz).
 */
export async function startMeshwatch(options: ServerOptions): Promise<RunningServer> {
  const buildId = path.join(ROOT, DIST_DIR, 'BUILD_ID');
  if (!existsSync(buildId)) {
    throw new Error(
      `No production build in ${DIST_DIR}/ (missing BUILD_ID). The global setup builds it; run \`npx next build\`.`,
    );
  }
  mkdirSync(E2E_WORK_DIR, { recursive: true });
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const logPath = path.join(E2E_WORK_DIR, `${options.name}.log`);
  const log = openSync(logPath, 'w');
  const nextBin = path.join(ROOT, 'node_modules', 'next', 'dist', 'bin', 'next');
  const child = spawn(
    process.execPath,
    [nextBin, 'start', '--hostname', '127.0.0.1', '--port', String(port)],
    {
      cwd: ROOT,
      detached: true,
      stdio: ['ignore', log, log],
      env: {
        ...process.env,
        NODE_ENV: 'production',
        MESHWATCH_DIST_DIR: DIST_DIR,
        KUBECONFIG: options.kubeconfig,
        MESHWATCH_READ_ONLY: options.readOnly ? 'true' : 'false',
        ...options.extraEnv,
      },
    },
  );
  closeSync(log);

  const stop = async () => {
    if (child.exitCode !== null || child.pid === undefined) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    process.kill(-child.pid, 'SIGTERM');
    const timer = setTimeout(
      () => child.pid && child.exitCode === null && process.kill(-child.pid, 'SIGKILL'),
      5_000,
    );
    await exited;
    clearTimeout(timer);
  };

  try {
    await waitUntilReady(url, child, logPath, 120_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, port, logPath, stop };
}
