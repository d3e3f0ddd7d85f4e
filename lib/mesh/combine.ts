// Joining per-namespace analyses into the cluster's. The engine's namespace results are independent:
// owners never cross namespaces, and the only shared inputs are cluster-wide (the webhook and the control
// plane). So a cache can analyse only the namespaces a change touched, each from a snapshot holding that
// namespace's records plus the cluster-wide inputs, and join the parts here: the result is what
// analyzeCluster gives for the whole snapshot (analyze.test.ts checks it on the synthetic cluster).
import { compareStrings } from './aggregate.ts';
import { POD_STATUSES } from './types.ts';
import type { ClusterAnalysis, NamespaceAnalysis } from './types.ts';

/**
 * The cluster's analysis from its namespaces' parts (each analyzeCluster of a snapshot that holds one
 * namespace's records and the cluster-wide inputs). `facts` is the analysis of a snapshot with no
 * namespaced records (only the webhook and control plane): it carries the cluster-wide facts.
 */
export function combineAnalyses(facts: ClusterAnalysis, parts: Iterable<ClusterAnalysis>): ClusterAnalysis {
  const sorted = [...parts]
    .filter((p) => p.namespaces.length > 0)
    .sort((a, b) => compareStrings(a.namespaces[0]!.name, b.namespaces[0]!.name));
  const cluster = { ...facts.cluster, statusCounts: { ...facts.cluster.statusCounts } };
  const namespaces: ClusterAnalysis['namespaces'] = [];
  const workloads: ClusterAnalysis['workloads'] = [];
  const pods: ClusterAnalysis['pods'] = [];
  for (const part of sorted) {
    const c = part.cluster;
    cluster.namespaces += c.namespaces;
    cluster.pods += c.pods;
    cluster.meshed += c.meshed;
    cluster.failed += c.failed;
    cluster.workloadsNeedingRestart += c.workloadsNeedingRestart;
    for (const status of POD_STATUSES) cluster.statusCounts[status] += c.statusCounts[status];
    for (const n of part.namespaces) namespaces.push(n);
    for (const w of part.workloads) workloads.push(w);
    for (const p of part.pods) pods.push(p);
  }
  return { cluster, namespaces, workloads, pods };
}

/** One namespace's slice of an analysis (the namespace page's shape); undefined when it has none. */
export function namespaceAnalysisOf(
  analysis: ClusterAnalysis,
  namespace: string,
): NamespaceAnalysis | undefined {
  const summary = analysis.namespaces.find((ns) => ns.name === namespace);
  if (!summary) return undefined;
  const workloads = analysis.workloads.filter((w) => w.namespace === namespace);
  const pods = analysis.pods.filter((p) => p.namespace === namespace);
  const lints = [...summary.lints];
  for (const w of workloads) lints.push(...w.lints);
  return { namespace: summary, workloads, pods, lints };
}

/**
 * The cluster's summary counted over some of its namespaces only (what a person limited to those sees):
 * the cluster-wide facts stay, the counts are the namespaces' sums.
 */
export function scopeCluster(
  cluster: ClusterAnalysis['cluster'],
  namespaces: readonly ClusterAnalysis['namespaces'][number][],
): ClusterAnalysis['cluster'] {
  const scoped = { ...cluster, namespaces: 0, pods: 0, meshed: 0, failed: 0, workloadsNeedingRestart: 0 };
  scoped.statusCounts = { ...cluster.statusCounts };
  for (const status of POD_STATUSES) scoped.statusCounts[status] = 0;
  for (const n of namespaces) {
    scoped.namespaces += 1;
    scoped.pods += n.pods;
    scoped.meshed += n.meshed;
    scoped.failed += n.failed;
    scoped.workloadsNeedingRestart += n.workloadsNeedingRestart;
    for (const status of POD_STATUSES) scoped.statusCounts[status] += n.statusCounts[status];
  }
  return scoped;
}
