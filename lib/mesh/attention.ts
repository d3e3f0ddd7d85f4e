// What needs an operator, for the "needs attention" filter and sort: one rule per level, in the
// engine, so the namespace list and the workload table rank by the same facts.
import { podsNeedingRestart } from './aggregate.ts';
import type { NamespaceSummary, WorkloadSummary } from './outputs.ts';

/**
 * A namespace's: pods a restart fixes, pods that cannot be injected, and lints (its own, and its
 * workloads' errors and warnings). 0 means nothing to do.
 */
export function namespaceAttention(namespace: NamespaceSummary): number {
  return (
    podsNeedingRestart(namespace.statusCounts) +
    namespace.statusCounts['not-injectable'] +
    namespace.lints.length +
    namespace.workloadLints.error +
    namespace.workloadLints.warning
  );
}

/** A workload's: one that needs a restart outranks any number of lints; then its lints. */
export function workloadAttention(workload: WorkloadSummary): number {
  return (workload.needsRestart ? 1_000_000 : 0) + workload.lints.length;
}
