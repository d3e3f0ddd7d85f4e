// Access to the real local cluster (testbed/): its admin kubeconfig, its kubectl, and unique test
// namespaces. Everything fails loudly when the testbed is missing: an integration test never skips.
import { execFile, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';

export const ROOT = path.resolve(import.meta.dirname, '../../..');
/** testbed/lib.sh's own knob: MESHWATCH_TESTBED_DIR (default .testbed) holds the kubeconfig. */
export const TESTBED_DIR = process.env.MESHWATCH_TESTBED_DIR || path.join(ROOT, '.testbed');
export const ADMIN_KUBECONFIG = path.join(TESTBED_DIR, 'kubeconfig');
const run = promisify(execFile);

let checked = false;

/** Makes sure the testbed answers, starting it (idempotent testbed/up.sh) when it does not. */
export function requireTestbed(): string {
  if (checked) return ADMIN_KUBECONFIG;
  const probe = () =>
    existsSync(ADMIN_KUBECONFIG) &&
    spawnSync('bash', ['testbed/kubectl.sh', 'get', '--raw', '/readyz'], { cwd: ROOT, timeout: 20_000 })
      .status === 0;
  if (!probe()) {
    const up = spawnSync('bash', ['testbed/up.sh'], { cwd: ROOT, encoding: 'utf8', timeout: 280_000 });
    if (up.status !== 0 || !probe()) {
      const tail = `${up.stdout ?? ''}${up.stderr ?? ''}`.split('\n').slice(-25).join('\n');
      throw new Error(
        `The testbed is not reachable and \`npm run testbed:up\` did not bring it up (expected ${ADMIN_KUBECONFIG}).\n` +
          `Run \`npm run testbed:up\` (the first build takes 15+ minutes) and retry.\n${tail}`,
      );
    }
  }
  checked = true;
  return ADMIN_KUBECONFIG;
}

export interface KubectlResult {
  stdout: string;
  stderr: string;
  code: number;
}

/** The testbed's kubectl as admin; rejects on a non-zero exit unless `allowFailure`. */
export async function kubectl(
  args: string[],
  opts: { input?: string; allowFailure?: boolean; kubeconfig?: string } = {},
): Promise<KubectlResult> {
  requireTestbed();
  const kubeconfig = opts.kubeconfig ?? ADMIN_KUBECONFIG;
  const child = run('bash', ['testbed/kubectl.sh', '--kubeconfig', kubeconfig, ...args], {
    cwd: ROOT,
    timeout: 120_000,
    maxBuffer: 64 << 20,
  });
  if (opts.input !== undefined) {
    child.child.stdin?.end(opts.input);
  }
  try {
    const { stdout, stderr } = await child;
    return { stdout, stderr, code: 0 };
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; code?: number };
    const result = {
      stdout: e.stdout ?? '',
      stderr: e.stderr ?? '',
      code: typeof e.code === 'number' ? e.code : 1,
    };
    if (opts.allowFailure) return result;
    throw new Error(`kubectl ${args.join(' ')} failed (${result.code}): ${result.stderr.trim()}`);
  }
}

export async function kubectlJson<T>(args: string[]): Promise<T> {
  return JSON.parse((await kubectl([...args, '-o', 'json'])).stdout) as T;
}

export function apply(yaml: string): Promise<KubectlResult> {
  return kubectl(['apply', '-f', '-'], { input: yaml });
}

/** `it-<random>-<suffix>`: unique per run, so parallel or aborted runs never collide. */
export function testName(suffix: string): string {
  return `it-${randomBytes(3).toString('hex')}-${suffix}`;
}

/** Waits for the deletion, so the runners that follow (e2e) never see Terminating leftovers. */
export async function deleteNamespaces(names: string[]): Promise<void> {
  if (names.length === 0) return;
  await kubectl(['delete', 'namespace', ...names, '--ignore-not-found', '--wait=true', '--timeout=120s'], {
    allowFailure: true,
  });
}

export async function until<T>(
  what: string,
  probe: () => Promise<T | undefined | false>,
  timeoutMs = 60_000,
  everyMs = 250,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline)
      throw new Error(
        `Timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`,
      );
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** Reads the admin kubeconfig's server and CA, for building other identities' kubeconfigs. */
export function adminCluster(): { server: string; caData: string } {
  const config = parse(readFileSync(requireTestbed(), 'utf8')) as {
    clusters?: { cluster?: { server?: string; 'certificate-authority-data'?: string } }[];
  };
  const cluster = config.clusters?.[0]?.cluster;
  if (!cluster?.server || !cluster['certificate-authority-data'])
    throw new Error(`Cannot read server and CA from ${ADMIN_KUBECONFIG}`);
  return { server: cluster.server, caData: cluster['certificate-authority-data'] };
}
