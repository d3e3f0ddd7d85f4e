import 'server-only';
// The engine's verdicts on the action buttons (lib/mesh/action-verdict.ts), added to the API's rows.
// Computed per request: a verdict follows the latest injector probe, which the analysis memo does not.
import type { NamespaceRow, WorkloadRow } from '@/lib/api/dto';
import {
  namespaceInjectionVerdict,
  workloadRestartVerdict,
  type NamespaceSummary,
  type WorkloadSummary,
} from '@/lib/mesh';
import { guardCluster, toGuardWorkload } from '@/lib/k8s/guard';
import type { ClusterSource as ClusterCache } from '@/lib/k8s/source';
import { clusterSummaryOf } from '@/lib/k8s/source-analysis';

export function namespaceRows(cache: ClusterCache, namespaces: readonly NamespaceSummary[]): NamespaceRow[] {
  const controlPlane = clusterSummaryOf(cache).controlPlaneNamespace;
  return namespaces.map((ns) => ({
    ...ns,
    injection: namespaceInjectionVerdict(ns.name, controlPlane, ns.webhookExcluded),
  }));
}

export function workloadRows(
  cache: ClusterCache,
  namespace: NamespaceSummary,
  workloads: readonly WorkloadSummary[],
): WorkloadRow[] {
  const cluster = guardCluster(cache);
  return workloads.map((w) => ({
    ...w,
    restartVerdict: workloadRestartVerdict({
      namespace: namespace.name,
      webhookCallsNamespace: !namespace.webhookExcluded,
      cluster,
      workload: toGuardWorkload(w),
    }),
  }));
}
