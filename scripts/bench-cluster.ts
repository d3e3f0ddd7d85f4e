// A benchmark, not a test: meshwatch on the real testbed (kube-apiserver + etcd + KWOK) with N pods, a
// fixed load quiet and under churn. Run with `npm run bench:cluster` after `npm run testbed:up`.
//
// 1. Creates BENCH_NAMESPACES namespaces holding BENCH_PODS pods in Deployments (KWOK runs them), and
//    times `kubectl get pods -A -o json` plus counting as the baseline.
// 2. Starts `next start` (building if stale) on the testbed, or uses MESHWATCH_URL (+ BENCH_PID for RSS).
// 3. Each phase runs BENCH_SECONDS: BENCH_SSE stream clients, BENCH_RPS requests/s (open loop, half the
//    overview, half a namespace page), first quiet, then with BENCH_CHURN pods/s deleted (their
//    Deployments recreate them). Prints p50/p99, errors/timeouts, most in flight, server CPU and RSS,
//    and the change → SSE event delay seen by one client.
// The bench namespaces are deleted at the end unless BENCH_KEEP=1 (re-runs reuse them).
// BENCH_NICE_CLUSTER=N runs the testbed's own processes (etcd, kube-apiserver, controllers, KWOK) at
// niceness N during the phases: on one 2-core machine they otherwise take most of the CPU the churn
// costs, which in a real cluster is spent on other machines.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { setPriority } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { startServer, type MeshwatchServer } from '../testbed/tests/helpers/server';

const env = process.env;
const num = (name: string, fallback: number) => {
  const v = Number(env[name]);
  return Number.isFinite(v) && v >= 0 && env[name] !== '' && env[name] !== undefined ? v : fallback;
};
const NAMESPACES = num('BENCH_NAMESPACES', 100);
const PODS = num('BENCH_PODS', 2000);
const WORKLOADS_PER_NS = num('BENCH_WORKLOADS_PER_NS', 4);
const RPS = num('BENCH_RPS', 50);
const SSE = num('BENCH_SSE', 50);
const CHURN = num('BENCH_CHURN', 20);
const SECONDS = num('BENCH_SECONDS', 30);
const TIMEOUT_MS = 30_000;
const ROOT = path.resolve(import.meta.dirname, '..');
const KUBECONFIG = env.MESHWATCH_TESTBED_DIR
  ? path.join(env.MESHWATCH_TESTBED_DIR, 'kubeconfig')
  : path.join(ROOT, '.testbed', 'kubeconfig');
const PREFIX = 'bench-';
const NICE_CLUSTER = env.BENCH_NICE_CLUSTER ? num('BENCH_NICE_CLUSTER', 0) : null;

/** Sets the testbed's processes to `niceness` (from its pids/ folder); returns how many it found. */
function reniceCluster(niceness: number): number {
  const dir = path.join(env.MESHWATCH_TESTBED_DIR ?? path.join(ROOT, '.testbed'), 'pids');
  let pids: string[] = [];
  try {
    pids = readdirSync(dir).map((f) => readFileSync(path.join(dir, f), 'utf8').trim());
  } catch {
    return 0;
  }
  const found = pids.filter((pid) => /^\d+$/.test(pid));
  // Every thread: Go runtimes run on many.
  for (const pid of found) spawnSync('bash', ['-c', `renice -n ${niceness} -p $(ls /proc/${pid}/task)`]);
  return found.length;
}

function kubectl(args: string[], input?: string): string {
  const r = spawnSync('bash', ['testbed/kubectl.sh', '--kubeconfig', KUBECONFIG, ...args], {
    cwd: ROOT,
    input,
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  if (r.status !== 0) throw new Error(`kubectl ${args.join(' ')} failed: ${r.stderr.slice(-2000)}`);
  return r.stdout;
}

function manifests(): string {
  const docs: string[] = [];
  const workloads = NAMESPACES * WORKLOADS_PER_NS;
  const perWorkload = Math.max(1, Math.round(PODS / workloads));
  for (let n = 0; n < NAMESPACES; n++) {
    const ns = `${PREFIX}${String(n).padStart(4, '0')}`;
    const inject = n % 3 === 0 ? 'enabled' : n % 3 === 1 ? 'disabled' : '';
    docs.push(
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: {
          name: ns,
          labels: { 'meshwatch-bench': 'true' },
          annotations: inject ? { 'linkerd.io/inject': inject } : {},
        },
      }),
    );
    for (let w = 0; w < WORKLOADS_PER_NS; w++) {
      const name = `app-${w}`;
      docs.push(
        JSON.stringify({
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: { name, namespace: ns },
          spec: {
            replicas: perWorkload,
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
  }
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

async function createCluster(): Promise<{ baselineMs: number }> {
  const started = Date.now();
  kubectl(['apply', '--server-side', '-f', '-'], manifests());
  const target =
    NAMESPACES * WORKLOADS_PER_NS * Math.max(1, Math.round(PODS / (NAMESPACES * WORKLOADS_PER_NS)));
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

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function median(xs: number[]): number {
  return quantile(xs, 0.5);
}

function quantile(xs: number[], q: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
}

function serverPid(server: MeshwatchServer | null): number | null {
  if (env.BENCH_PID) return Number(env.BENCH_PID);
  if (!server) return null;
  // next start forks the server proper; the one listening on the port is the one we want.
  const r = spawnSync(
    'bash',
    ['-c', `ss -Hltnp 'sport = :${server.port}' | grep -o 'pid=[0-9]*' | head -1`],
    {
      encoding: 'utf8',
    },
  );
  const pid = Number(r.stdout.trim().replace('pid=', ''));
  return Number.isFinite(pid) && pid > 0 ? pid : null;
}

function procStats(pid: number | null): { rssMiB: number; cpuSeconds: number } | null {
  if (!pid) return null;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const rss = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    const ticks = Number(stat[11]) + Number(stat[12]);
    return { rssMiB: rss, cpuSeconds: ticks / 100 };
  } catch {
    return null;
  }
}

interface StreamClient {
  stop(): void;
  events: number;
  errors: number;
  /** Arrival times of change events naming a namespace, per namespace (for the change → event delay). */
  seen: Map<string, number[]>;
}

/** `timed`: record arrival times per namespace (one client does; the others only count, to keep the load
 * generator's own CPU off the 2 cores the server needs). */
function openStream(url: string, timed: boolean): StreamClient {
  const abort = new AbortController();
  const client: StreamClient = { stop: () => abort.abort(), events: 0, errors: 0, seen: new Map() };
  void (async () => {
    try {
      const res = await fetch(`${url}/api/v1/stream`, { signal: abort.signal });
      if (!res.ok || !res.body) throw new Error(`stream ${res.status}`);
      const decoder = new TextDecoder();
      let buf = '';
      const reader = res.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        buf += decoder.decode(value, { stream: true });
        let i: number;
        while ((i = buf.indexOf('\n\n')) >= 0) {
          const frame = buf.slice(0, i);
          buf = buf.slice(i + 2);
          if (!frame.startsWith('event: change')) continue;
          client.events++;
          if (!timed) continue;
          const data = frame.split('\ndata: ')[1];
          if (!data) continue;
          const now = performance.timeOrigin + performance.now();
          for (const ns of (JSON.parse(data) as { namespaces: string[] }).namespaces) {
            const times = client.seen.get(ns);
            if (times) times.push(now);
            else client.seen.set(ns, [now]);
          }
        }
      }
    } catch (err) {
      if (!abort.signal.aborted) client.errors++;
      void err;
    }
  })();
  return client;
}

interface PhaseResult {
  label: string;
  requests: number;
  p50: number;
  p99: number;
  nsP50: number;
  nsP99: number;
  errors: number;
  timeouts: number;
  maxInFlight: number;
  served: number;
  cpuPercent: number | null;
  rssMiB: number | null;
  sseEvents: number;
  sseErrors: number;
  eventDelayP50: number | null;
  eventDelayP99: number | null;
  /** DELETE sent → the API server's own watch event (a plain watch in the churn process). */
  watchDelayP50: number | null;
  watchDelayP99: number | null;
}

async function phase(url: string, pid: number | null, label: string, churn: number): Promise<PhaseResult> {
  const streams = Array.from({ length: SSE }, (_, i) => openStream(url, i === 0));
  await sleep(1000);
  const overview: number[] = [];
  const namespace: number[] = [];
  let errors = 0;
  let timeouts = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  let issued = 0;
  const pending: Promise<void>[] = [];
  const before = procStats(pid);
  const started = performance.now();
  const end = started + SECONDS * 1000;
  const deletions: { ns: string; at: number }[] = [];
  // The API server's own watch events for those deletions, seen by the churn process's watch.
  const watched: { ns: string; at: number }[] = [];

  const request = (path: string, into: number[]) => {
    issued++;
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    const t0 = performance.now();
    const p = fetch(url + path, { signal: AbortSignal.timeout(TIMEOUT_MS) })
      .then(async (res) => {
        await res.arrayBuffer();
        if (!res.ok) errors++;
        else into.push(performance.now() - t0);
      })
      .catch((err: unknown) => {
        if (err instanceof Error && err.name === 'TimeoutError') timeouts++;
        else errors++;
      })
      .finally(() => inFlight--);
    pending.push(p);
  };

  const loadTimer = setInterval(() => {
    const due = Math.floor(((performance.now() - started) / 1000) * RPS) - issued;
    for (let i = 0; i < due; i++) {
      if (issued % 2 === 0) request('/api/v1/overview', overview);
      else request(`/api/v1/namespaces/${PREFIX}${String(issued % NAMESPACES).padStart(4, '0')}`, namespace);
    }
  }, 10);

  // The churn runs in its own process (scripts/bench-churn.ts), reporting each DELETE's send time.
  let churner: ChildProcess | undefined;
  if (churn > 0) {
    churner = spawn(process.execPath, [...process.execArgv, path.join(ROOT, 'scripts/bench-churn.ts')], {
      env: {
        ...env,
        KUBECONFIG,
        BENCH_CHURN: String(churn),
        BENCH_SECONDS: String(SECONDS),
        BENCH_NAMESPACES: String(NAMESPACES),
        BENCH_PREFIX: PREFIX,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    // Deleting pods is the cluster's work, not the server's or the load generator's: with
    // BENCH_NICE_CLUSTER it yields like the testbed does.
    if (NICE_CLUSTER !== null && churner.pid) setPriority(churner.pid, NICE_CLUSTER);
    createInterface({ input: churner.stdout! }).on('line', (line) => {
      const [first, second, third] = line.split(' ');
      if (first === 'watch' && second && third) watched.push({ ns: second, at: Number(third) });
      else if (first && second) deletions.push({ ns: first, at: Number(second) });
    });
  }

  while (performance.now() < end) await sleep(100);
  clearInterval(loadTimer);
  if (churner && churner.exitCode === null) await new Promise((r) => churner.once('exit', r));
  const after = procStats(pid);
  await Promise.all(pending);
  await sleep(1000);
  for (const s of streams) s.stop();
  // The change → event delay: from sending each DELETE to one client's first event naming its namespace.
  const delays: number[] = [];
  const watchDelays: number[] = [];
  const seen = streams[0]?.seen ?? new Map<string, number[]>();
  for (const d of deletions) {
    const at = seen.get(d.ns)?.find((t) => t >= d.at);
    if (at !== undefined) delays.push(at - d.at);
    const w = watched.find((x) => x.ns === d.ns && x.at >= d.at);
    if (w) watchDelays.push(w.at - d.at);
  }
  const all = [...overview, ...namespace];
  const elapsed = (performance.now() - started) / 1000;
  return {
    label,
    requests: issued,
    p50: quantile(overview, 0.5),
    p99: quantile(overview, 0.99),
    nsP50: quantile(namespace, 0.5),
    nsP99: quantile(namespace, 0.99),
    errors,
    timeouts,
    maxInFlight,
    served: all.length / elapsed,
    cpuPercent: before && after ? ((after.cpuSeconds - before.cpuSeconds) / elapsed) * 100 : null,
    rssMiB: after?.rssMiB ?? null,
    sseEvents: streams.reduce((n, s) => n + s.events, 0),
    sseErrors: streams.reduce((n, s) => n + s.errors, 0),
    eventDelayP50: delays.length ? quantile(delays, 0.5) : null,
    eventDelayP99: delays.length ? quantile(delays, 0.99) : null,
    watchDelayP50: watchDelays.length ? quantile(watchDelays, 0.5) : null,
    watchDelayP99: watchDelays.length ? quantile(watchDelays, 0.99) : null,
  };
}

const ms = (v: number | null) => (v === null || Number.isNaN(v) ? '-' : `${v.toFixed(v < 10 ? 1 : 0)} ms`);

async function main(): Promise<void> {
  console.log(
    `bench:cluster ${PODS} pods, ${NAMESPACES} namespaces, ${NAMESPACES * WORKLOADS_PER_NS} Deployments; ` +
      `${SSE} SSE + ${RPS} req/s for ${SECONDS} s quiet, then with ${CHURN} pods/s churn`,
  );
  const { baselineMs } = await createCluster();
  console.log(`  baseline: kubectl get pods -A -o json + counting: ${ms(baselineMs)} (median of 3)`);

  let server: MeshwatchServer | null = null;
  let url = env.MESHWATCH_URL ?? '';
  if (!url) {
    console.log('  starting next start (building if stale) ...');
    // The memory settings the Dockerfile and `npm start` use.
    server = await startServer({
      name: 'bench-cluster',
      env: {
        KUBECONFIG,
        MESHWATCH_READ_ONLY: 'true',
        NODE_OPTIONS: '--max-semi-space-size=1',
        MALLOC_ARENA_MAX: '2',
      },
    });
    url = server.url;
  }
  const pid = serverPid(server);
  try {
    // Sync: wait until the overview counts the bench pods.
    for (;;) {
      const res = await fetch(`${url}/api/v1/overview`).catch(() => null);
      if (res?.ok) {
        const body = (await res.json()) as { cluster: { pods: number } };
        if (body.cluster.pods >= PODS * 0.95) break;
      }
      await sleep(1000);
    }
    await sleep(2000);
    const idle = procStats(pid);
    console.log(`  synced; server RSS ${idle ? `${idle.rssMiB.toFixed(0)} MiB` : '- (no pid)'}`);
    if (NICE_CLUSTER !== null)
      console.log(`  testbed processes at nice ${NICE_CLUSTER}: ${reniceCluster(NICE_CLUSTER)}`);
    const results = [await phase(url, pid, 'quiet', 0), await phase(url, pid, `churn ${CHURN}/s`, CHURN)];
    if (NICE_CLUSTER !== null) reniceCluster(0);
    console.log('');
    console.log(
      '| phase | requests | overview p50 / p99 | namespace p50 / p99 | errors | timeouts | max in flight | served/s | CPU | RSS | SSE events (errors) | change→event p50 / p99 | API server watch p50 / p99 |',
    );
    console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const r of results)
      console.log(
        `| ${r.label} | ${r.requests} | ${ms(r.p50)} / ${ms(r.p99)} | ${ms(r.nsP50)} / ${ms(r.nsP99)} | ${r.errors} | ${r.timeouts} | ${r.maxInFlight} | ${r.served.toFixed(0)} | ${r.cpuPercent === null ? '-' : `${r.cpuPercent.toFixed(0)} %`} | ${r.rssMiB === null ? '-' : `${r.rssMiB.toFixed(0)} MiB`} | ${r.sseEvents} (${r.sseErrors}) | ${ms(r.eventDelayP50)} / ${ms(r.eventDelayP99)} | ${ms(r.watchDelayP50)} / ${ms(r.watchDelayP99)} |`,
      );
  } finally {
    await server?.stop();
    if (env.BENCH_KEEP !== '1') {
      console.log('  deleting the bench namespaces (BENCH_KEEP=1 keeps them)');
      kubectl(['delete', 'namespace', '-l', 'meshwatch-bench=true', '--wait=false']);
    }
  }
}

await main();
