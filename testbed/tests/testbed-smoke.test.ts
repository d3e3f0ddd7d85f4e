// Proves the testbed is a working Kubernetes: real versions, fake nodes Ready, controllers rolling
// Deployments, KWOK running pods. Fails loudly when the testbed is not up.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(__dirname, '..', '..');
const kubeconfig = join(root, '.testbed', 'kubeconfig');
const ns = `smoke-${Date.now().toString(36)}`;

function kubectl(...args: string[]): string {
  return execFileSync('bash', [join(root, 'testbed', 'kubectl.sh'), ...args], { encoding: 'utf8' });
}
function json<T>(...args: string[]): T {
  return JSON.parse(kubectl(...args, '-o', 'json')) as T;
}
interface PodList {
  items: { metadata: { name: string; annotations?: Record<string, string> }; status: { phase: string } }[];
}
async function eventually<T>(what: string, fn: () => T | undefined, seconds = 60): Promise<T> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const value = fn();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${seconds}s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

beforeAll(() => {
  if (!existsSync(kubeconfig)) {
    throw new Error(`testbed is not up (${kubeconfig} missing): run npm run testbed:up`);
  }
  kubectl('create', 'namespace', ns);
});
afterAll(() => {
  kubectl('delete', 'namespace', ns, '--wait=false');
});

describe('testbed', () => {
  it('serves the pinned Kubernetes version', () => {
    const version = json<{ serverVersion: { gitVersion: string } }>('version');
    expect(version.serverVersion.gitVersion).toMatch(/^v1\.(3[4-9])\.\d+$/);
  });

  it('has at least three Ready fake nodes', () => {
    const nodes = json<{ items: { status: { conditions: { type: string; status: string }[] } }[] }>(
      'get',
      'nodes',
      '-l',
      'type=kwok',
    );
    const ready = nodes.items.filter((n) =>
      n.status.conditions.some((c) => c.type === 'Ready' && c.status === 'True'),
    );
    expect(ready.length).toBeGreaterThanOrEqual(3);
  });

  it('rolls out a Deployment to Running pods and replaces them on rollout restart', async () => {
    kubectl('create', 'deployment', 'web', '-n', ns, '--image=ghcr.io/acme/web:1.0', '--replicas=2');
    const first = await eventually('two Running pods', () => {
      const pods = json<PodList>('get', 'pods', '-n', ns, '-l', 'app=web').items;
      const running = pods.filter((p) => p.status.phase === 'Running');
      return running.length === 2 ? running.map((p) => p.metadata.name) : undefined;
    });

    kubectl('rollout', 'restart', `deployment/web`, '-n', ns);
    kubectl('rollout', 'status', `deployment/web`, '-n', ns, '--timeout=90s');
    const second = await eventually('the old pods to go', () => {
      const pods = json<PodList>('get', 'pods', '-n', ns, '-l', 'app=web').items;
      const names = pods.filter((p) => p.status.phase === 'Running').map((p) => p.metadata.name);
      return names.length === 2 && names.every((n) => !first.includes(n)) ? names : undefined;
    });
    expect(second).toHaveLength(2);
    const template = json<{ spec: { template: { metadata: { annotations?: Record<string, string> } } } }>(
      'get',
      'deployment',
      'web',
      '-n',
      ns,
    );
    expect(template.spec.template.metadata.annotations?.['kubectl.kubernetes.io/restartedAt']).toBeTruthy();
  });

  it('`npm run testbed:up` is safe to repeat: twice more on the running testbed, both succeed and change nothing', () => {
    const up = () =>
      spawnSync('npm', ['run', '--silent', 'testbed:up'], {
        cwd: root,
        encoding: 'utf8',
        timeout: 300_000,
        // The testbed this suite runs on (MESHWATCH_TESTBED_DIR, or .testbed), never another one.
        env: { ...process.env, MESHWATCH_TESTBED_DIR: join(root, '.testbed') },
      });
    const before = readFileSync(join(root, '.testbed', 'pids', 'kube-apiserver.pid'), 'utf8');
    for (const run of [up(), up()]) {
      expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
      expect(run.stderr).toContain('already up');
      expect(run.stdout).toContain(`export KUBECONFIG=${kubeconfig}`);
    }
    expect(readFileSync(join(root, '.testbed', 'pids', 'kube-apiserver.pid'), 'utf8')).toBe(before);
  });
});
