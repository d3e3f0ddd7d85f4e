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
// BENCH_BIG_PODS=N adds one namespace of N pods (bench-big, 4 Deployments) whose page gets a tenth of the
// requests and is timed on its own; the churn picks it in proportion to its pods.
// BENCH_HEAP_MIB (default 268) caps the server's V8 heap as the Helm chart's container does: Node sizes
// its heap from the cgroup's memory limit, and under the chart's 512 MiB that is 268 MiB (measured with
// `podman run --memory=512m`). Off a container the default is a quarter of the machine's memory, and V8
// lets a churning heap grow into it. 0: Node's own default for this machine (a laptop's `npm start`).
// BENCH_CPU_PROF=<dir> writes a V8 CPU profile of the server it starts when it stops.
// BENCH_NICE_CLUSTER=N runs the testbed's own processes (etcd, kube-apiserver, controllers, KWOK) at
// niceness N during the phases: on one 2-core machine they otherwise take most of the CPU the churn
// costs, which in a real cluster is spent on other machines.
import { spawn, type ChildProcess } from 'node:child_process';
import { setPriority } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { startServer, type MeshwatchServer } from '../testbed/tests/helpers/server';
import {
  BIG_NAMESPACE,
  BIG_PODS,
  CHURN,
  env,
  HEAP_MIB,
  KUBECONFIG,
  NAMESPACES,
  NICE_CLUSTER,
  PODS,
  PREFIX,
  ROOT,
  RPS,
  SECONDS,
  SSE,
  TIMEOUT_MS,
  WORKLOADS_PER_NS,
} from './bench-config';
import { quantile } from './bench-stats';
import { createCluster, kubectl, reniceCluster } from './bench-testbed';
import { describeWork, scrape, serverWork, type ServerWork } from './bench-server-metrics';
import { get, openStream, procStats, serverPid } from './bench-load';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface PhaseResult {
  label: string;
  requests: number;
  p50: number;
  p99: number;
  nsP50: number;
  nsP99: number;
  bigP50: number;
  bigP99: number;
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
  /** The server's own account of the phase (its /metrics), when it could be read. */
  work: ServerWork | null;
  seconds: number;
}

async function phase(url: string, pid: number | null, label: string, churn: number): Promise<PhaseResult> {
  const streams = Array.from({ length: SSE }, (_, i) => openStream(url, i === 0));
  await sleep(1000);
  const overview: number[] = [];
  const namespace: number[] = [];
  const big: number[] = [];
  let errors = 0;
  let timeouts = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  let issued = 0;
  const pending: Promise<void>[] = [];
  const scrapeBefore = await scrape(url);
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
    const p = get(url + path, TIMEOUT_MS)
      .then((status) => {
        if (status !== 200) errors++;
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
      else if (BIG_PODS > 0 && issued % 10 === 1) request(`/api/v1/namespaces/${BIG_NAMESPACE}`, big);
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
        BENCH_PODS: String(PODS),
        BENCH_BIG_PODS: String(BIG_PODS),
        BENCH_BIG_NAMESPACE: BIG_NAMESPACE,
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
  const scrapeAfter = await scrape(url);
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
  const all = [...overview, ...namespace, ...big];
  const elapsed = (performance.now() - started) / 1000;
  return {
    label,
    requests: issued,
    p50: quantile(overview, 0.5),
    p99: quantile(overview, 0.99),
    nsP50: quantile(namespace, 0.5),
    nsP99: quantile(namespace, 0.99),
    bigP50: quantile(big, 0.5),
    bigP99: quantile(big, 0.99),
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
    work: scrapeBefore && scrapeAfter ? serverWork(scrapeBefore, scrapeAfter) : null,
    seconds: elapsed,
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
        // BENCH_CPU_PROF=<dir>: a V8 CPU profile of the server, written when it stops.
        // BENCH_NODE_OPTIONS: more options to try (e.g. a heap ceiling), after the defaults.
        NODE_OPTIONS: [
          '--max-semi-space-size=4',
          HEAP_MIB > 0 ? `--max-old-space-size=${HEAP_MIB}` : '',
          env.BENCH_CPU_PROF ? `--cpu-prof --cpu-prof-dir=${env.BENCH_CPU_PROF}` : '',
          env.BENCH_NODE_OPTIONS ?? '',
        ]
          .filter(Boolean)
          .join(' '),
        MALLOC_ARENA_MAX: '2',
        MALLOC_MMAP_THRESHOLD_: '131072',
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
      '| phase | requests | overview p50 / p99 | namespace p50 / p99 | big namespace p50 / p99 | errors | timeouts | max in flight | served/s | CPU | RSS | SSE events (errors) | change→event p50 / p99 | API server watch p50 / p99 |',
    );
    console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const r of results)
      console.log(
        `| ${r.label} | ${r.requests} | ${ms(r.p50)} / ${ms(r.p99)} | ${ms(r.nsP50)} / ${ms(r.nsP99)} | ${BIG_PODS > 0 ? `${ms(r.bigP50)} / ${ms(r.bigP99)}` : '-'} | ${r.errors} | ${r.timeouts} | ${r.maxInFlight} | ${r.served.toFixed(0)} | ${r.cpuPercent === null ? '-' : `${r.cpuPercent.toFixed(0)} %`} | ${r.rssMiB === null ? '-' : `${r.rssMiB.toFixed(0)} MiB`} | ${r.sseEvents} (${r.sseErrors}) | ${ms(r.eventDelayP50)} / ${ms(r.eventDelayP99)} | ${ms(r.watchDelayP50)} / ${ms(r.watchDelayP99)} |`,
      );
    console.log('');
    for (const r of results)
      console.log(r.work ? describeWork(r.label, r.work, r.seconds) : `  ${r.label}: /metrics unreadable`);
  } finally {
    await server?.stop();
    if (env.BENCH_KEEP !== '1') {
      console.log('  deleting the bench namespaces (BENCH_KEEP=1 keeps them)');
      kubectl(['delete', 'namespace', '-l', 'meshwatch-bench=true', '--wait=false']);
    }
  }
}

await main();
