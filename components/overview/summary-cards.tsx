import type { ClusterSummary, NamespaceSummary } from '@/lib/api/dto';
import { StatCard } from '@/components/ui/card';
import { formatCount, formatPercent, plural } from '@/lib/ui/format';
import { podsNeedingRestart } from '@/lib/mesh/aggregate';

export function SummaryCards({
  cluster,
  namespaces,
}: {
  cluster: ClusterSummary;
  namespaces: readonly NamespaceSummary[];
}) {
  const restart = podsNeedingRestart(cluster.statusCounts);
  const notInjectable = cluster.statusCounts['not-injectable'];
  const annotated = namespaces.filter((namespace) => namespace.injectValue !== undefined).length;
  return (
    <dl className="grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-5" data-testid="summary-cards">
      <StatCard
        label="Namespaces"
        value={formatCount(cluster.namespaces)}
        detail={`${annotated} with linkerd.io/inject`}
      />
      <StatCard
        label="Pods"
        value={formatCount(cluster.pods)}
        detail={cluster.failed > 0 ? `${cluster.failed} failed` : 'none failed'}
      />
      <StatCard
        label="Meshed"
        tone={cluster.pods > 0 && cluster.meshed === 0 ? 'bad' : 'plain'}
        value={formatPercent(cluster.meshed, cluster.pods)}
        detail={`${formatCount(cluster.meshed)} of ${plural(cluster.pods, 'pod')}`}
      />
      <StatCard
        label="Need a restart"
        tone={restart > 0 ? 'warn' : 'good'}
        value={formatCount(restart)}
        detail={`pods in ${plural(cluster.workloadsNeedingRestart, 'workload')}`}
      />
      <StatCard
        label="Not injectable"
        tone={notInjectable > 0 ? 'bad' : 'good'}
        value={formatCount(notInjectable)}
        detail="asked for a proxy, cannot get one"
      />
    </dl>
  );
}
