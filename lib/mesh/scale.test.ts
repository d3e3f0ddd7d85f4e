import { describe, expect, it } from 'vitest';
import { analyzeCluster, analyzeNamespace, explainPod } from './analyze.ts';
import { BENCH_SIZE, syntheticSnapshot } from '../test/synthetic-cluster.ts';
import { POD_STATUSES } from './types.ts';

// The benchmark's cluster, checked for consistency rather than speed (scripts/bench-engine.ts times it).
describe('a 10,000-pod cluster', () => {
  const snapshot = syntheticSnapshot(BENCH_SIZE);
  const analysis = analyzeCluster(snapshot);

  it('has the promised size and every status', () => {
    expect(snapshot.pods).toHaveLength(10_000);
    expect(snapshot.namespaces).toHaveLength(500);
    expect(analysis.workloads).toHaveLength(2_000);
    for (const status of POD_STATUSES) expect(analysis.cluster.statusCounts[status]).toBeGreaterThan(0);
  });

  it('returns every pod once, with a status, grouped by namespace and sorted by name', () => {
    expect(analysis.pods).toHaveLength(snapshot.pods.length);
    expect(new Set(analysis.pods.map((p) => p.uid)).size).toBe(snapshot.pods.length);
    const keys = analysis.pods.map((p) => [p.namespace, p.name] as const);
    const sorted = [...keys].sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0));
    expect(keys).toEqual(sorted);
  });

  it('adds up: statuses to pods, workloads and namespaces to the cluster', () => {
    const { cluster } = analysis;
    expect(Object.values(cluster.statusCounts).reduce((a, b) => a + b, 0)).toBe(cluster.pods);
    expect(analysis.namespaces.reduce((a, n) => a + n.pods, 0)).toBe(cluster.pods);
    expect(analysis.namespaces.reduce((a, n) => a + n.meshed, 0)).toBe(cluster.meshed);
    expect(analysis.workloads.filter((w) => w.needsRestart)).toHaveLength(cluster.workloadsNeedingRestart);
    // Bare pods (one in 50) belong to no workload.
    const inWorkloads = analysis.workloads.reduce((a, w) => a + w.pods, 0);
    const bare = analysis.pods.filter(
      (p) => !p.workload && p.phase !== 'Failed' && p.phase !== 'Succeeded' && !p.deleting,
    ).length;
    expect(inWorkloads + bare).toBe(cluster.pods);
  });

  it('agrees with analyzeNamespace and explainPod', () => {
    for (const ns of ['team-2', 'team-3', 'team-250', 'linkerd']) {
      const slice = analyzeNamespace(snapshot, ns);
      expect(slice?.namespace).toEqual(analysis.namespaces.find((n) => n.name === ns));
      expect(slice?.pods).toEqual(analysis.pods.filter((p) => p.namespace === ns));
    }
    for (const verdict of analysis.pods.filter((_, i) => i % 997 === 0)) {
      const { trace, ...explained } = explainPod(snapshot, verdict.namespace, verdict.name) ?? { trace: [] };
      expect(explained).toEqual(verdict);
      expect(trace.at(-1)?.rule).toBe('status');
    }
  });
});
