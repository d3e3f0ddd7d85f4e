// meshwatch exactly as its pod would run it: the chart's ServiceAccount token (TokenRequest), the
// cluster CA and the namespace at /var/run/secrets/kubernetes.io/serviceaccount, KUBERNETES_SERVICE_*,
// the chart's own container env, and no kubeconfig. Two ways to get that mount without a kubelet:
// the built image under podman (`-v`), or the standalone server in a private mount namespace.
import { execFile, spawn, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { ensureBuild, freePort, type MeshwatchServer } from './server';
import { adminCluster, kubectl, kubectlJson, ROOT, TESTBED_DIR } from './testbed';

const run = promisify(execFile);
const SA_MOUNT = '/var/run/secrets/kubernetes.io/serviceaccount';

export interface PodIdentity {
  /** Holds token, ca.crt and namespace, as kubelet projects them. */
  dir: string;
  /** The chart's container env plus what kubelet adds (KUBERNETES_SERVICE_HOST/PORT). */
  env: Record<string, string>;
}

interface EnvVar {
  name: string;
  value?: string;
}
interface DeploymentJson {
  spec: { template: { spec: { serviceAccountName: string; containers: { env?: EnvVar[] }[] } } };
}

export async function podIdentity(namespace: string, deployment: string): Promise<PodIdentity> {
  const deploy = await kubectlJson<DeploymentJson>(['get', 'deployment', deployment, '-n', namespace]);
  const pod = deploy.spec.template.spec;
  const token = (
    await kubectl(['create', 'token', pod.serviceAccountName, '-n', namespace, '--duration', '1h'])
  ).stdout.trim();
  const dir = mkdtempSync(path.join(tmpdir(), 'meshwatch-sa-'));
  chmodSync(dir, 0o755); // the image's user (65532) reads it through the bind mount
  writeFileSync(path.join(dir, 'token'), token, { mode: 0o644 });
  writeFileSync(path.join(dir, 'ca.crt'), readFileSync(path.join(TESTBED_DIR, 'pki', 'ca.crt')), {
    mode: 0o644,
  });
  writeFileSync(path.join(dir, 'namespace'), namespace, { mode: 0o644 });
  const env: Record<string, string> = {};
  for (const e of pod.containers[0]?.env ?? []) {
    if (e.value === undefined) throw new Error(`chart env ${e.name} is not a plain value`);
    env[e.name] = e.value;
  }
  const api = new URL(adminCluster().server);
  // Many servers share this machine's loopback (host network): free ports instead of the chart's.
  env.PORT = String(await freePort());
  if (env.MESHWATCH_OPS_PORT) env.MESHWATCH_OPS_PORT = String(await freePort());
  env.KUBERNETES_SERVICE_HOST = api.hostname;
  env.KUBERNETES_SERVICE_PORT = api.port;
  return { dir, env };
}

async function waitReady(name: string, url: string, alive: () => boolean, logs: () => string) {
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (!alive()) throw new Error(`meshwatch "${name}" exited during startup:\n${logs().slice(-3000)}`);
    try {
      if ((await fetch(`${url}/api/readyz`, { signal: AbortSignal.timeout(2_000) })).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline)
      throw new Error(`meshwatch "${name}" never answered /api/readyz 200:\n${logs().slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

function server(name: string, port: number, logs: () => string, stop: () => Promise<void>): MeshwatchServer {
  return {
    name,
    port,
    url: `http://127.0.0.1:${port}`,
    logs,
    jsonLines: () =>
      logs()
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as Record<string, unknown>),
    stop,
  };
}

/**
 * The image built by scripts/image.sh (cached layers make a repeat build take seconds). `npm test`
 * builds it beside the other gates and points MESHWATCH_IMAGE_RC at that job's result, so the suite
 * starts before the image is ready and only the tests that run it wait for it.
 */
export async function meshwatchImage(): Promise<string> {
  if (process.env.MESHWATCH_IMAGE) return process.env.MESHWATCH_IMAGE;
  const rcFile = process.env.MESHWATCH_IMAGE_RC;
  if (rcFile) {
    const deadline = Date.now() + 1_500_000;
    while (!existsSync(rcFile)) {
      if (Date.now() > deadline) throw new Error(`The image build (${rcFile}) did not finish within 25 min.`);
      await new Promise((r) => setTimeout(r, 1_000));
    }
    const log = readFileSync(rcFile.replace(/\.rc$/, '.log'), 'utf8');
    if (readFileSync(rcFile, 'utf8').split(' ')[0] !== '0')
      throw new Error(`scripts/image.sh failed, so the image cannot run:\n${log.slice(-3000)}`);
    return log.trim().split('\n').pop() ?? '';
  }
  const built = spawnSync('bash', ['scripts/image.sh'], { cwd: ROOT, encoding: 'utf8', timeout: 1_500_000 });
  if (built.status !== 0)
    throw new Error(`scripts/image.sh failed, so the image cannot run:\n${built.stderr.slice(-3000)}`);
  return built.stdout.trim().split('\n').pop() ?? '';
}

/** The image under podman: read-only root FS, UID 65532, no capabilities, host network (loopback). */
export async function startInPodman(name: string, id: PodIdentity): Promise<MeshwatchServer> {
  const image = await meshwatchImage();
  const container = `meshwatch-test-${name}-${process.pid}`;
  const podman = (args: string[]) => run('bash', ['scripts/podman.sh', ...args], { cwd: ROOT });
  const envArgs = Object.entries(id.env).flatMap(([k, v]) => ['-e', `${k}=${v}`]);
  await podman([
    'run', '-d', '--name', container, '--network=host', '--read-only', '--user', '65532:65532',
    '--cap-drop=ALL', '--security-opt=no-new-privileges', '--tmpfs', '/tmp:rw,mode=1777',
    '--tmpfs', '/app/.next/cache:rw,mode=1777', '-v', `${id.dir}:${SA_MOUNT}:ro`, ...envArgs, image,
  ]); // prettier-ignore
  let output = '';
  const refresh = () => {
    const r = spawnSync('bash', ['scripts/podman.sh', 'logs', container], { cwd: ROOT, encoding: 'utf8' });
    output = `${r.stdout ?? ''}${r.stderr ?? ''}` || output;
    return output;
  };
  const alive = () =>
    spawnSync('bash', ['scripts/podman.sh', 'container', 'exists', container], { cwd: ROOT }).status === 0 &&
    spawnSync('bash', ['scripts/podman.sh', 'inspect', '-f', '{{.State.Running}}', container], {
      cwd: ROOT,
      encoding: 'utf8',
    }).stdout.trim() === 'true';
  const port = Number(id.env.PORT);
  const stop = async () => {
    refresh();
    writeLog(name, output);
    await podman(['rm', '-f', '-t', '5', container]).catch(() => undefined);
    rmSync(id.dir, { recursive: true, force: true });
  };
  const s = server(name, port, refresh, stop);
  await waitReady(name, s.url, alive, refresh).catch(async (err: unknown) => {
    await stop();
    throw err;
  });
  return s;
}

/** `next build`'s standalone server (what the image copies) with the identity bind-mounted in a private
 * mount namespace (unshare -m): the host's /run is untouched. */
export async function startInMountNamespace(name: string, id: PodIdentity): Promise<MeshwatchServer> {
  await ensureBuild();
  const standalone = path.join(ROOT, '.next', 'standalone');
  if (!existsSync(path.join(standalone, 'server.js')))
    throw new Error('.next/standalone/server.js is missing: next.config.js must say output: "standalone"');
  cpSync(path.join(ROOT, '.next', 'static'), path.join(standalone, '.next', 'static'), { recursive: true });
  if (existsSync(path.join(ROOT, 'public')))
    cpSync(path.join(ROOT, 'public'), path.join(standalone, 'public'), { recursive: true });
  const home = mkdtempSync(path.join(tmpdir(), 'meshwatch-home-'));
  const script = `set -e; mount -t tmpfs tmpfs /run; mkdir -p ${SA_MOUNT}; mount --bind "$1" ${SA_MOUNT}
    mount -o remount,bind,ro ${SA_MOUNT}; cd "$2"; exec "$3" server.js`;
  // No KUBECONFIG, an empty HOME: client-node can only find the in-cluster identity.
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home,
    ...id.env,
    NODE_ENV: 'production' as const,
  };
  const child = spawn(
    'unshare',
    ['--mount', '--propagation', 'private', 'sh', '-c', script, 'sh', id.dir, standalone, process.execPath],
    { env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  let alive = true;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void exited.then(() => (alive = false));
  const stop = async () => {
    writeLog(name, output);
    if (alive) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(id.dir, { recursive: true, force: true });
    rmSync(home, { recursive: true, force: true });
  };
  const s = server(name, Number(id.env.PORT), () => output, stop);
  await waitReady(
    name,
    s.url,
    () => alive,
    () => output,
  ).catch(async (err: unknown) => {
    await stop();
    throw err;
  });
  return s;
}

function writeLog(name: string, text: string): void {
  const dir = path.join(ROOT, 'test-results', 'integration');
  spawnSync('mkdir', ['-p', dir]);
  writeFileSync(path.join(dir, `server-${name}.log`), text);
}
