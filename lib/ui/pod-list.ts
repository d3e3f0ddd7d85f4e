import type { PodStatus, PodVerdict, WorkloadSummary } from '@/lib/api/dto';
import { workloadAttention } from '@/lib/mesh/attention';
import { STATUS_ORDER } from './pod-status';
import { compareBy, matchesQuery, type SortState } from './table-sort';

export const POD_SORTS = ['name', 'status', 'owner', 'proxy', 'age'] as const;
export const WORKLOAD_SORTS = ['name', 'kind', 'meshed', 'pods', 'attention'] as const;

export interface PodFilter {
  statuses: readonly PodStatus[];
  query: string;
}

export function filterPods<P extends PodVerdict>(pods: readonly P[], { statuses, query }: PodFilter): P[] {
  return pods.filter(
    (pod) =>
      (statuses.length === 0 || statuses.includes(pod.status)) &&
      matchesQuery(
        query,
        pod.name,
        pod.workload?.name,
        pod.workload?.kind,
        pod.status,
        pod.phase,
        pod.proxyVersion,
        ...pod.reasons.map((reason) => reason.code),
      ),
  );
}

export function sortPods<P extends PodVerdict>(pods: P[], sort: SortState): P[] {
  const value: Record<string, (pod: PodVerdict) => number | string> = {
    name: (pod) => pod.name,
    status: (pod) => STATUS_ORDER.indexOf(pod.status),
    owner: (pod) => (pod.workload ? `${pod.workload.kind}/${pod.workload.name}` : '~'),
    proxy: (pod) => pod.proxyVersion ?? '',
    // Ascending age: youngest pod first.
    age: (pod) => -Date.parse(pod.createdAt),
  };
  const primary = compareBy(value[sort.key] ?? value.name!, sort.direction);
  const byName = compareBy<PodVerdict>((pod) => pod.name, 'asc');
  return [...pods].sort((a, b) => primary(a, b) || byName(a, b));
}

export function filterWorkloads<T extends WorkloadSummary>(
  workloads: readonly T[],
  { statuses, query }: PodFilter,
): T[] {
  return workloads.filter(
    (workload) =>
      (statuses.length === 0 || statuses.some((status) => workload.statusCounts[status] > 0)) &&
      matchesQuery(query, workload.name, workload.kind),
  );
}

export function sortWorkloads<T extends WorkloadSummary>(workloads: T[], sort: SortState): T[] {
  const value: Record<string, (workload: WorkloadSummary) => number | string> = {
    name: (workload) => workload.name,
    kind: (workload) => workload.kind,
    meshed: (workload) => (workload.pods === 0 ? -1 : workload.meshed / workload.pods),
    pods: (workload) => workload.pods,
    attention: workloadAttention,
  };
  const primary = compareBy(value[sort.key] ?? value.name!, sort.direction);
  const byName = compareBy<WorkloadSummary>((workload) => `${workload.name}/${workload.kind}`, 'asc');
  return [...workloads].sort((a, b) => primary(a, b) || byName(a, b));
}
