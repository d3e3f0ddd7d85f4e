// Runs the production server (`next start` from a `next build`) on a free 127.0.0.1 port with a given
// environment, waits until it answers, and stops it afterwards. The build is redone only when a source
// file is newer than .next/BUILD_ID.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { ROOT } from './testbed';

const BUILD_ID = path.join(ROOT, '.next', 'BUILD_ID');
const NEXT_BIN = path.join(ROOT, 'node_modules', 'next', 'dist', 'bin', 'next');
const LOG_DIR = path.join(ROOT, 'test-results', 'integration');
const LOCK = path.join(ROOT, '.next-build.lock');
const SOURCES = [
  'app',
  'lib',
  'components',
  'public',
  'instrumentation.ts',
  'proxy.ts',
  'next.config.js',
  'package-lock.json',
  'tsconfig.json',
  'postcss.config.mjs',
];

function newestMtime(entry: string): number {
  let stat;
  try {
    stat = statSync(entry);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return /\.test\.tsx?$/.test(entry) ? 0 : stat.mtimeMs;
  return Math.max(0, ...readdirSync(entry).map((child) => newestMtime(path.join(entry, child))));
}

function buildIsFresh(): boolean {
  let built: number;
  try {
    built = statSync(BUILD_ID).mtimeMs;
  } catch {
    return false;
  }
  return SOURCES.every((s) => newestMtime(path.join(ROOT, s)) <= built);
}

async function withLock<T>(fn: () => T): Promise<T> {
  const deadline = Date.now() + 600_000;
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      // A lock older than 15 minutes belongs to a build that died.
      if (Date.now() - (statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs ?? Date.now()) > 900_000)
        rmSync(LOCK, { recursive: true, force: true });
      if (Date.now() > deadline)
        throw new Error(`Waited 10 minutes for ${LOCK}; remove it if no build is running`);
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
  try {
    return fn();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

export async function ensureBuild(): Promise<void> {
  if (buildIsFresh()) return;
  await withLock(() => {
    if (buildIsFresh()) return;
    const build = spawnSync(process.execPath, [NEXT_BIN, 'build'], {
      cwd: ROOT,
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production' },
      encoding: 'utf8',
      timeout: 900_000,
      maxBuffer: 64 << 20,
    });
    mkdirSync(LOG_DIR, { recursive: true });
    writeFileSync(path.join(LOG_DIR, 'next-build.log'), `${build.stdout}${build.stderr}`);
    if (build.status !== 0) {
      const tail = `${build.stdout}${build.stderr}`.split('\n').slice(-30).join('\n');
      throw new Error(`next build failed (see test-results/integration/next-build.log):\n${tail}`);
    }
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

export interface MeshwatchServer {
  name: string;
  port: number;
  /** `http://127.0.0.1:<port>` */
  url: string;
  logs(): string;
  /** The structured JSON lines the server logged (audit lines have msg "meshwatch action"). */
  jsonLines(): Record<string, unknown>[];
  stop(): Promise<void>;
}

export interface StartOptions {
  name: string;
  env: Record<string, string>;
  /** Wait for /api/readyz 200 (default) or only for /api/healthz. */
  waitFor?: 'ready' | 'live';
  timeoutMs?: number;
}

export async function startServer(opts: StartOptions): Promise<MeshwatchServer> {
  await ensureBuild();
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let output = '';
  // Only what the server needs: no KUBECONFIG or MESHWATCH_* from the test runner's own environment.
  const base = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.startsWith('MESHWATCH_') && k !== 'KUBECONFIG'),
  );
  const child: ChildProcess = spawn(
    process.execPath,
    [NEXT_BIN, 'start', '--hostname', '127.0.0.1', '--port', String(port)],
    {
      cwd: ROOT,
      env: { ...base, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', ...opts.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let alive = true;
  void exited.then(() => (alive = false));

  const server: MeshwatchServer = {
    name: opts.name,
    port,
    url,
    logs: () => output,
    jsonLines: () =>
      output
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .flatMap((line) => {
          try {
            return [JSON.parse(line) as Record<string, unknown>];
          } catch {
            return [];
          }
        }),
    stop: async () => {
      mkdirSync(LOG_DIR, { recursive: true });
      writeFileSync(path.join(LOG_DIR, `server-${opts.name}.log`), output);
      if (!alive) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };

  const probe = opts.waitFor === 'live' ? '/api/healthz' : '/api/readyz';
  const deadline = Date.now() + (opts.timeoutMs ?? 120_000);
  for (;;) {
    if (!alive)
      throw new Error(`meshwatch server "${opts.name}" exited during startup:\n${output.slice(-3000)}`);
    try {
      const res = await fetch(url + probe, { signal: AbortSignal.timeout(2_000) });
      if (res.ok) return server;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await server.stop();
      throw new Error(
        `meshwatch server "${opts.name}" did not answer ${probe} with 200 in time:\n${output.slice(-3000)}`,
      );
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}
