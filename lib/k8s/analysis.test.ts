import { describe, expect, it } from 'vitest';
import { analyzeCluster, analyzeNamespace, type ClusterSnapshot, type PodRecord } from '@/lib/mesh';
import { syntheticSnapshot } from '@/lib/test/synthetic-cluster';
import { AnalysisStore, SPACING_MS_PER_POD, sliceSourceOf, type SliceSource } from './analysis';

const SIZE = { namespaces: 12, workloads: 40, pods: 300 };

/** A source whose snapshot a test can replace, like the informers' records changing under the store. */
function mutable(initial: ClusterSnapshot): { source: SliceSource; set(next: ClusterSnapshot): void } {
  let inner = sliceSourceOf(initial);
  return {
    source: {
      namespaceNames: () => inner.namespaceNames(),
      namespaceRecords: (ns) => inner.namespaceRecords(ns),
      clusterInputs: () => inner.clusterInputs(),
    },
    set(next) {
      inner = sliceSourceOf(next);
    },
  };
}

describe('AnalysisStore', () => {
  it('joins per-namespace parts into what analyzeCluster gives for the whole snapshot', () => {
    const snapshot = syntheticSnapshot(SIZE);
    const store = new AnalysisStore(sliceSourceOf(snapshot));
    expect(store.analysis()).toEqual(analyzeCluster(snapshot));
    const ns = snapshot.namespaces[3]!.name;
    expect(store.namespace(ns)).toEqual(analyzeNamespace(snapshot, ns));
  });

  it('re-analyses only the namespaces a batch touched, and serves the last result until refreshed', () => {
    const snapshot = syntheticSnapshot(SIZE);
    const m = mutable(snapshot);
    const store = new AnalysisStore(m.source);
    const first = store.analysis();
    const before = store.passes;
    expect(before).toBe(first.cluster.namespaces);

    const victim = snapshot.pods.find((p) => p.namespace === snapshot.namespaces[1]!.name)!;
    const next: ClusterSnapshot = { ...snapshot, pods: snapshot.pods.filter((p) => p !== victim) };
    m.set(next);
    store.invalidate([victim.namespace]);
    expect(store.analysis()).toBe(first);
    const result = store.refresh();
    expect(result).toEqual({ analysed: [victim.namespace], clusterWide: false, deferred: [] });
    expect(store.passes).toBe(before + 1);
    expect(store.analysis()).toEqual(analyzeCluster(next));
  });

  it('re-analyses everything when a cluster-wide input changes, and nothing when it did not', () => {
    const snapshot = syntheticSnapshot(SIZE);
    const m = mutable(snapshot);
    const store = new AnalysisStore(m.source);
    store.analysis();
    const before = store.passes;
    store.invalidate([], true);
    expect(store.refresh()).toEqual({ analysed: [], clusterWide: false, deferred: [] });
    expect(store.passes).toBe(before);

    const next: ClusterSnapshot = { ...snapshot, webhook: null };
    m.set(next);
    store.invalidate([], true);
    const result = store.refresh();
    expect(result.clusterWide).toBe(true);
    expect(result.analysed).toHaveLength(SIZE.namespaces);
    expect(store.analysis()).toEqual(analyzeCluster(next));
  });

  it('drops a namespace whose last record went away', () => {
    const snapshot = syntheticSnapshot(SIZE);
    const m = mutable(snapshot);
    const store = new AnalysisStore(m.source);
    store.analysis();
    const gone = snapshot.namespaces[0]!.name;
    const keep = <T extends { namespace?: string; name: string }>(r: T) => (r.namespace ?? r.name) !== gone;
    const next: ClusterSnapshot = {
      ...snapshot,
      namespaces: snapshot.namespaces.filter(keep),
      workloads: snapshot.workloads.filter(keep),
      pods: snapshot.pods.filter((p: PodRecord) => p.namespace !== gone),
    };
    m.set(next);
    store.invalidate([gone]);
    store.refresh();
    expect(store.namespace(gone)).toBeUndefined();
    expect(store.analysis()).toEqual(analyzeCluster(next));
  });

  it('holds back a big namespace re-analysed too recently for its size, then analyses it when due', () => {
    // 2 namespaces of 1,000 pods: a re-analysis at most every 100 ms each.
    const snapshot = syntheticSnapshot({ namespaces: 4, workloads: 8, pods: 4_000 });
    const big = snapshot.namespaces[2]!.name;
    const pods = snapshot.pods.filter((p) => p.namespace === big).length;
    const spacing = pods * SPACING_MS_PER_POD;
    expect(spacing).toBeGreaterThan(50);
    const m = mutable(snapshot);
    const store = new AnalysisStore(m.source);
    store.refresh(1_000);
    const first = store.analysis();

    const victim = snapshot.pods.find((p) => p.namespace === big)!;
    const next: ClusterSnapshot = { ...snapshot, pods: snapshot.pods.filter((p) => p !== victim) };
    m.set(next);
    store.invalidate([big]);
    const early = store.refresh(1_000 + spacing / 2);
    expect(early).toEqual({ analysed: [], clusterWide: false, deferred: [big], retryInMs: spacing / 2 });
    expect(store.analysis()).toBe(first); // the last result, until it is due
    expect(store.pending).toBe(true);

    expect(store.refresh(1_000 + spacing)).toEqual({ analysed: [big], clusterWide: false, deferred: [] });
    // What a fresh store gives for the new records (at this size some lints are capped per namespace,
    // and the store sorts pods by name where the synthetic snapshot does not).
    expect(store.analysis()).toEqual(new AnalysisStore(sliceSourceOf(next)).analysis());
    expect(store.pending).toBe(false);

    // A cluster-wide change is never held back.
    m.set({ ...next, webhook: null });
    store.invalidate([big], true);
    const all = store.refresh(1_000 + spacing + 1);
    expect(all.clusterWide).toBe(true);
    expect(all.deferred).toEqual([]);
    expect(all.analysed).toContain(big);
  });
});
