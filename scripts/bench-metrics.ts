// Benchmarks one /metrics scrape at 10,000 pods (500 namespaces, 2,000 workloads; lib/test/synthetic-cluster).
// Run with `npm run bench:metrics` (tsx: lib/k8s uses the `@/` paths). A scrape sets every gauge from the
// cache's memoised analysis and serialises the registry: that is the "warm" figure, checked against
// BENCH_BUDGET_MS (default 20, median CPU time; exit 1 above it). "cold" adds the engine pass a scrape
// pays once after a cluster change (the dashboard's views share that analysis).
import type { Freshness } from '@/lib/api/dto';
import { renderMetrics } from '@/lib/k8s/metrics';
import { AnalysisStore, sliceSourceOf } from '@/lib/k8s/analysis';
import type { ClusterSource } from '@/lib/k8s/source';
import { analyzeCluster } from '@/lib/mesh';
import { BENCH_SIZE, syntheticSnapshot } from '@/lib/test/synthetic-cluster';

const runs = Number(process.env.BENCH_RUNS ?? 50);
const budgetMs = Number(process.env.BENCH_BUDGET_MS ?? 20);

const snapshot = syntheticSnapshot(BENCH_SIZE);
const freshness: Freshness = {
  synced: true,
  stale: false,
  ageSeconds: 1,
  lastEventAt: null,
  resources: ['namespaces', 'pods', 'deployments', 'replicasets', 'api-server'].map((name) => ({
    name,
    synced: true,
    healthy: true,
  })),
};
const slices = sliceSourceOf(snapshot);
const source: ClusterSource & { dataVersion: number; analysis: AnalysisStore } = {
  analysis: new AnalysisStore(slices),
  namespaceSnapshot: () => snapshot,
  context: { name: 'bench', server: '', inCluster: false },
  clients: null,
  dataVersion: 1,
  freshness: () => freshness,
  requireSynced: () => undefined,
  snapshot: () => snapshot,
  hasNamespace: () => true,
  subscribe: () => () => undefined,
  subscriberCount: 0,
  start: () => undefined,
  stop: () => undefined,
};

async function time(fn: () => Promise<unknown>): Promise<{ wall: number; cpu: number }> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  await fn();
  const wall = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { wall, cpu: (used.user + used.system) / 1000 };
}

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

const text = await renderMetrics(source);
const series = text.split('\n').filter((l) => l && !l.startsWith('#')).length;
console.log(
  `${snapshot.pods.length} pods, ${snapshot.namespaces.length} namespaces: ${series} series, ${(text.length / 1024).toFixed(0)} KiB`,
);
for (let i = 0; i < 10; i++) await renderMetrics(source);

const warm: { wall: number; cpu: number }[] = [];
for (let i = 0; i < runs; i++) warm.push(await time(() => renderMetrics(source)));
const cold: { wall: number; cpu: number }[] = [];
for (let i = 0; i < Math.min(runs, 20); i++) {
  source.dataVersion++;
  source.analysis = new AnalysisStore(slices);
  cold.push(await time(() => renderMetrics(source)));
}
const engine: { wall: number; cpu: number }[] = [];
for (let i = 0; i < Math.min(runs, 20); i++) engine.push(await time(async () => analyzeCluster(snapshot)));
const report = (label: string, s: { wall: number; cpu: number }[]) =>
  console.log(
    `${label.padEnd(28)} median wall ${median(s.map((x) => x.wall)).toFixed(2)} ms   median CPU ${median(s.map((x) => x.cpu)).toFixed(2)} ms   (n=${s.length})`,
  );
report('scrape (warm analysis)', warm);
report('scrape (after a change)', cold);
report('  of which the engine pass', engine);
const warmCpu = median(warm.map((x) => x.cpu));
if (warmCpu > budgetMs) {
  console.error(`scrape median CPU time ${warmCpu.toFixed(2)} ms is over the ${budgetMs} ms budget`);
  process.exit(1);
}
console.log(`scrape median CPU time ${warmCpu.toFixed(2)} ms is within the ${budgetMs} ms budget`);
