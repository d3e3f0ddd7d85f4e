// bench:cluster's cluster side: the bench namespaces and Deployments applied to the testbed (KWOK runs
// the pods), the `kubectl get pods -A -o json` baseline, and the testbed processes' niceness.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { median } from './bench-stats';
import {
  BIG_NAMESPACE,
  BIG_PODS,
  env,
  KUBECONFIG,
  NAMESPACES,
  PODS,
  PREFIX,
  ROOT,
  WORKLOADS_PER_NS,
} from './bench-config';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Sets the testbed's processes to `niceness` (from its pids/ folder); returns how many it found. */
export function reniceCluster(niceness: number): number {
  const dir = path.join(env.MESHWATCH_TESTBED_DIR ?? path.join(ROOT, '.testbed'), 'pids');
  let pids: string[] = [];
  try {
    pids = readdirSync(dir).map((f) => readFileSync(path.join(dir, f), 'utf8').trim());
  } catch {
    return 0;
  }
  const found = pids.filter((pid) => /^\d+$/.test(pid));
  for (const pid of found) {
    // Every thread: Go runtimes run on many.
    spawnSync('bash', ['-c', `renice -n ${niceness} -p $(ls /proc/${pid}/task)`]);
    // The testbed starts each process in a session of its own (setsid), and with the kernel's autogroup
    // scheduling (sched_autogroup_enabled=1, the default here) CPU is shared fairly between sessions first:
    // a thread's niceness only counts inside its own session. The session's niceness is this file.
    try {
      writeFileSync(`/proc/${pid}/autogroup`, String(niceness));
    } catch {
      // No autogroups (or not ours to change): the thread niceness above is all there is.
    }
  }
  return found.length;
}

export function kubectl(args: string[], input?: string): string {
  const r = spawnSync('bash', ['testbed/kubectl.sh', '--kubeconfig', KUBECONFIG, ...args], {
    cwd: ROOT,
    input,
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  if (r.status !== 0) throw new Error(`kubectl ${args.join(' ')} failed: ${r.stderr.slice(-2000)}`);
  return r.stdout;
}

function namespaceManifests(ns: string, inject: string, workloads: number, replicas: number): string[] {
  const docs = [
    JSON.stringify({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name: ns,
        labels: { 'meshwatch-bench': 'true' },
        annotations: inject ? { 'linkerd.io/inject': inject } : {},
      },
    }),
  ];
  for (let w = 0; w < workloads; w++) {
    const name = `app-${w}`;
    docs.push(
      JSON.stringify({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name, namespace: ns },
        spec: {
          replicas,
          selector: { matchLabels: { app: name } },
          template: {
            metadata: { labels: { app: name } },
            spec: {
              containers: [{ name: 'app', image: 'ghcr.io/acme/app:1.0' }],
              terminationGracePeriodSeconds: 0,
            },
          },
        },
      }),
    );
  }
  return docs;
}

const BIG_WORKLOADS = 4;
const bigReplicas = () => Math.round(BIG_PODS / BIG_WORKLOADS);

function manifests(): string {
  const docs: string[] = [];
  const workloads = NAMESPACES * WORKLOADS_PER_NS;
  const perWorkload = Math.max(1, Math.round(PODS / workloads));
  for (let n = 0; n < NAMESPACES; n++) {
    const ns = `${PREFIX}${String(n).padStart(4, '0')}`;
    const inject = n % 3 === 0 ? 'enabled' : n % 3 === 1 ? 'disabled' : '';
    docs.push(...namespaceManifests(ns, inject, WORKLOADS_PER_NS, perWorkload));
  }
  if (BIG_PODS > 0) docs.push(...namespaceManifests(BIG_NAMESPACE, 'enabled', BIG_WORKLOADS, bigReplicas()));
  return docs.join('\n---\n');
}

function countRunning(): { pods: number; ms: number } {
  const started = performance.now();
  const out = kubectl(['get', 'pods', '-A', '-o', 'json']);
  const items = (
    JSON.parse(out) as { items: { metadata: { namespace: string }; status?: { phase?: string } }[] }
  ).items;
  const pods = items.filter(
    (p) => p.metadata.namespace.startsWith(PREFIX) && p.status?.phase === 'Running',
  ).length;
  return { pods, ms: performance.now() - started };
}

export async function createCluster(): Promise<{ baselineMs: number }> {
  const started = Date.now();
  kubectl(['apply', '--server-side', '-f', '-'], manifests());
  const target =
    NAMESPACES * WORKLOADS_PER_NS * Math.max(1, Math.round(PODS / (NAMESPACES * WORKLOADS_PER_NS))) +
    (BIG_PODS > 0 ? BIG_WORKLOADS * bigReplicas() : 0);
  let last = countRunning();
  while (last.pods < target) {
    process.stdout.write(
      `\r  ${last.pods}/${target} pods running (${Math.round((Date.now() - started) / 1000)} s)   `,
    );
    await sleep(3000);
    last = countRunning();
  }
  const secs = (Date.now() - started) / 1000;
  console.log(
    `\r  ${last.pods} pods running after ${secs.toFixed(0)} s (${(last.pods / secs).toFixed(0)} pods/s)       `,
  );
  const samples: number[] = [];
  for (let i = 0; i < 3; i++) samples.push(countRunning().ms);
  return { baselineMs: median(samples) };
}
