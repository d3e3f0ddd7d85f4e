import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { ADMIN_KUBECONFIG, ROOT } from './paths';

const run = promisify(execFile);

export class TestbedUnavailable extends Error {
  constructor(detail: string) {
    super(
      `The testbed cluster is not reachable: ${detail}\n` +
        'Start it with `npm run testbed:up && npm run testbed:seed` (this suite never mocks the cluster).',
    );
    this.name = 'TestbedUnavailable';
  }
}

/** kubectl against the testbed as cluster admin, through the testbed's own wrapper (same version as the API server). */
export async function kubectl(args: string[], input?: string): Promise<string> {
  if (!existsSync(ADMIN_KUBECONFIG)) throw new TestbedUnavailable(`${ADMIN_KUBECONFIG} does not exist.`);
  const child = run('bash', [path.join(ROOT, 'testbed', 'kubectl.sh'), ...args], {
    cwd: ROOT,
    maxBuffer: 32 * 1024 * 1024,
    timeout: 120_000,
  });
  if (input !== undefined) {
    child.child.stdin?.end(input);
  }
  try {
    const { stdout } = await child;
    return stdout;
  } catch (error) {
    const failure = error as { stderr?: string; message: string };
    throw new Error(`kubectl ${args.join(' ')} failed: ${(failure.stderr ?? failure.message).trim()}`);
  }
}

export async function kubectlJson<T>(args: string[]): Promise<T> {
  return JSON.parse(await kubectl([...args, '-o', 'json'])) as T;
}

export async function applyManifest(yaml: string): Promise<void> {
  await kubectl(['apply', '-f', '-'], yaml);
}

/** Fails with a clear message unless the testbed answers and the demo scenarios are seeded. */
export async function assertTestbedReady(): Promise<void> {
  try {
    await kubectl(['get', '--raw', '/readyz']);
  } catch (error) {
    throw error instanceof TestbedUnavailable ? error : new TestbedUnavailable((error as Error).message);
  }
  const namespaces = await kubectl(['get', 'namespaces', '-l', 'meshwatch.io/demo=true', '-o', 'name']);
  for (const expected of ['payments', 'monitoring', 'notifications']) {
    if (!namespaces.includes(`namespace/${expected}`)) {
      throw new TestbedUnavailable(
        `the demo namespace "${expected}" is missing: run \`npm run testbed:seed\`.`,
      );
    }
  }
}

interface PodList {
  items: {
    metadata: { name: string; uid: string; deletionTimestamp?: string };
    status: { phase?: string };
  }[];
}

/** Waits until the selected pods are all Running (and none terminating), as the controllers report them. */
export async function waitForRunningPods(
  namespace: string,
  selector: string,
  count: number,
  timeoutMs = 120_000,
) {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    const pods = await kubectlJson<PodList>(['get', 'pods', '-n', namespace, '-l', selector]);
    const live = pods.items.filter((pod) => !pod.metadata.deletionTimestamp);
    last = live.map((pod) => `${pod.metadata.name}=${pod.status.phase}`).join(', ');
    if (live.length === count && live.every((pod) => pod.status.phase === 'Running')) return live;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  throw new Error(
    `pods ${selector} in ${namespace} did not reach ${count}×Running in ${timeoutMs / 1000}s (last: ${last})`,
  );
}
