// The engine's analysis, kept per namespace and recomputed once per change batch (never per request).
// The cache marks what a batch touched; refresh() re-analyses only those namespaces, each from a snapshot
// of its own records plus the cluster-wide inputs, and lib/mesh joins the parts. A change of the
// cluster-wide inputs (webhook, linkerd-config, injector pods) re-analyses every namespace. Requests read
// the last result: between a change and its batch's refresh they see the previous one.
import {
  analyzeCluster,
  combineAnalyses,
  namespaceAnalysisOf,
  type ClusterAnalysis,
  type ClusterSnapshot,
  type ControlPlaneRecord,
  type InjectorWebhookRecord,
  type NamespaceAnalysis,
  type NamespaceRecord,
  type PodRecord,
  type WorkloadRecord,
} from '@/lib/mesh';

export interface ClusterInputs {
  webhook: InjectorWebhookRecord | null;
  controlPlane: ControlPlaneRecord | null;
}

/** What the store reads its records from (the informers, or a dump). */
export interface SliceSource {
  /** Every namespace with a record of any kind (its Namespace, a workload or a pod). */
  namespaceNames(): Iterable<string>;
  namespaceRecords(namespace: string): {
    namespaces: Iterable<NamespaceRecord>;
    workloads: Iterable<WorkloadRecord>;
    pods: Iterable<PodRecord>;
  };
  clusterInputs(): ClusterInputs;
}

export interface NamespacePart {
  /** The namespace's own records and the cluster-wide inputs: what its analysis was computed from. */
  snapshot: ClusterSnapshot;
  analysis: ClusterAnalysis;
  /** The namespace page's shape, built on first use. */
  view?: NamespaceAnalysis;
}

export interface RefreshResult {
  /** Namespaces re-analysed. */
  analysed: string[];
  /** True when the cluster-wide inputs changed (so every namespace was re-analysed). */
  clusterWide: boolean;
  /** Changed namespaces left for a later refresh: re-analysed too recently for their size. */
  deferred: string[];
  /** When the first deferred namespace is due, in ms from this refresh (with `deferred` only). */
  retryInMs?: number;
}

/**
 * Re-analysing a namespace and rebuilding its page's body cost ~10 µs of event loop per pod (a 2,000-pod
 * namespace ~20 ms). A namespace is re-analysed at most once per SPACING_MS_PER_POD ms per pod, so a
 * busy big one takes at most ~10 % of the event loop, every request waits behind it less often, and its
 * changes show at most MAX_SPACING_MS late. Namespaces under 500 pods are never held back (a change
 * batch is 50 ms anyway); a cluster-wide change re-analyses everything at once.
 */
export const SPACING_MS_PER_POD = 0.1;
const MAX_SPACING_MS = 1_000;
const MIN_SPACED_PODS = 500;

const byName = <T extends { namespace?: string; name: string }>(a: T, b: T) =>
  (a.namespace ?? '').localeCompare(b.namespace ?? '') || a.name.localeCompare(b.name);

export function sliceSnapshot(
  records: ReturnType<SliceSource['namespaceRecords']>,
  inputs: ClusterInputs,
): ClusterSnapshot {
  return {
    namespaces: [...records.namespaces].sort(byName),
    workloads: [...records.workloads].sort(byName),
    pods: [...records.pods].sort(byName),
    webhook: inputs.webhook,
    controlPlane: inputs.controlPlane,
  };
}

export class AnalysisStore {
  private parts = new Map<string, NamespacePart>();
  private inputs?: { key: string; value: ClusterInputs; facts: ClusterAnalysis };
  private combined?: ClusterAnalysis;
  private dirty = new Set<string>();
  private everything = true;
  /** When each namespace was last re-analysed (the clock refresh is given). */
  private analysedAt = new Map<string, number>();
  /** Engine passes so far (one per namespace re-analysed): diagnostics and tests read it. */
  passes = 0;

  constructor(private readonly source: SliceSource) {}

  /** Marks namespaces for the next refresh; clusterWide re-checks the cluster-wide inputs too. */
  invalidate(namespaces: Iterable<string>, clusterWide = false): void {
    if (clusterWide) this.everything = true;
    for (const ns of namespaces) if (ns && ns !== '*') this.dirty.add(ns);
  }

  get pending(): boolean {
    return this.everything || this.dirty.size > 0;
  }

  /** Re-analyses what changed since the last refresh: called once per change batch. */
  refresh(now = performance.now()): RefreshResult {
    let clusterWide = false;
    if (this.everything || !this.inputs) {
      const value = this.source.clusterInputs();
      const key = JSON.stringify(value);
      if (key !== this.inputs?.key) {
        clusterWide = true;
        const facts = analyzeCluster({ namespaces: [], workloads: [], pods: [], ...value });
        this.inputs = { key, value, facts };
      }
    }
    const inputs = this.inputs!;
    const names = clusterWide ? new Set(this.source.namespaceNames()) : this.dirty;
    if (clusterWide) for (const ns of this.parts.keys()) names.add(ns);
    const analysed: string[] = [];
    const deferred: string[] = [];
    let retryInMs = Infinity;
    for (const ns of names) {
      const dueIn = clusterWide ? 0 : this.dueIn(ns, now);
      if (dueIn > 0) {
        deferred.push(ns);
        retryInMs = Math.min(retryInMs, dueIn);
        continue;
      }
      const snapshot = sliceSnapshot(this.source.namespaceRecords(ns), inputs.value);
      analysed.push(ns);
      if (snapshot.namespaces.length === 0 && snapshot.workloads.length === 0 && snapshot.pods.length === 0) {
        this.parts.delete(ns);
        this.analysedAt.delete(ns);
        continue;
      }
      this.passes++;
      this.parts.set(ns, { snapshot, analysis: analyzeCluster(snapshot) });
      this.analysedAt.set(ns, now);
    }
    this.dirty = new Set(deferred);
    this.everything = false;
    if (analysed.length > 0 || clusterWide || !this.combined)
      this.combined = combineAnalyses(
        inputs.facts,
        Array.from(this.parts.values(), (p) => p.analysis),
      );
    const result: RefreshResult = { analysed: analysed.sort(), clusterWide, deferred: deferred.sort() };
    if (deferred.length > 0) result.retryInMs = retryInMs;
    return result;
  }

  /** How long a changed namespace must still wait for its next analysis (0: now). */
  private dueIn(namespace: string, now: number): number {
    const part = this.parts.get(namespace);
    const at = this.analysedAt.get(namespace);
    if (!part || at === undefined || part.snapshot.pods.length < MIN_SPACED_PODS) return 0;
    const spacing = Math.min(MAX_SPACING_MS, part.snapshot.pods.length * SPACING_MS_PER_POD);
    return Math.max(0, at + spacing - now);
  }

  /** The last result (computed now only the first time). */
  analysis(): ClusterAnalysis {
    if (!this.combined) this.refresh();
    return this.combined!;
  }

  /**
   * One namespace's last part; undefined when it has no records. A namespace that appeared since the
   * last batch is analysed alone now (one namespace, bounded), so its page does not 404 for a batch.
   */
  part(namespace: string): NamespacePart | undefined {
    if (!this.combined) this.refresh();
    const held = this.parts.get(namespace);
    if (held || !this.dirty.has(namespace)) return held;
    const snapshot = sliceSnapshot(this.source.namespaceRecords(namespace), this.inputs!.value);
    if (snapshot.namespaces.length === 0 && snapshot.workloads.length === 0 && snapshot.pods.length === 0)
      return undefined;
    this.passes++;
    const part = { snapshot, analysis: analyzeCluster(snapshot) };
    this.parts.set(namespace, part);
    return part;
  }

  /** The namespace page's analysis from the last part (no engine pass). */
  namespace(namespace: string): NamespaceAnalysis | undefined {
    const part = this.part(namespace);
    if (!part) return undefined;
    part.view ??= namespaceAnalysisOf(part.analysis, namespace);
    return part.view;
  }

  /** The cluster-wide inputs of the last refresh. */
  clusterInputs(): ClusterInputs {
    if (!this.combined) this.refresh();
    return this.inputs!.value;
  }

  /** Names of the namespaces the last result holds. */
  namespaceNames(): string[] {
    return this.analysis().namespaces.map((n) => n.name);
  }
}

/** A SliceSource over a fixed snapshot (a dump, a benchmark, a test), grouped by namespace once. */
export function sliceSourceOf(snapshot: ClusterSnapshot): SliceSource {
  const groups = new Map<
    string,
    { namespaces: NamespaceRecord[]; workloads: WorkloadRecord[]; pods: PodRecord[] }
  >();
  const group = (ns: string) => {
    let g = groups.get(ns);
    if (!g) groups.set(ns, (g = { namespaces: [], workloads: [], pods: [] }));
    return g;
  };
  for (const n of snapshot.namespaces) group(n.name).namespaces.push(n);
  for (const w of snapshot.workloads) group(w.namespace).workloads.push(w);
  for (const p of snapshot.pods) group(p.namespace).pods.push(p);
  const empty = { namespaces: [], workloads: [], pods: [] };
  return {
    namespaceNames: () => groups.keys(),
    namespaceRecords: (ns) => groups.get(ns) ?? empty,
    clusterInputs: () => ({ webhook: snapshot.webhook, controlPlane: snapshot.controlPlane }),
  };
}
