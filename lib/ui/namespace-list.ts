import type { NamespaceSummary } from '@/lib/api/dto';
import { namespaceAttention } from '@/lib/mesh/attention';
import { compareBy, matchesQuery, type SortState } from './table-sort';

export const NAMESPACE_SORTS = ['name', 'injection', 'meshed', 'pods', 'attention'] as const;

export function filterNamespaces<T extends NamespaceSummary>(
  namespaces: readonly T[],
  { query, attentionOnly }: { query: string; attentionOnly: boolean },
): T[] {
  return namespaces.filter(
    (namespace) =>
      (!attentionOnly || namespaceAttention(namespace) > 0) &&
      matchesQuery(query, namespace.name, namespace.injectValue),
  );
}

export function sortNamespaces<T extends NamespaceSummary>(namespaces: T[], sort: SortState): T[] {
  const byName = compareBy<NamespaceSummary>((namespace) => namespace.name, 'asc');
  const value: Record<string, (namespace: NamespaceSummary) => number | string> = {
    name: (namespace) => namespace.name,
    injection: (namespace) => namespace.injectValue ?? '',
    meshed: (namespace) => (namespace.pods === 0 ? -1 : namespace.meshed / namespace.pods),
    pods: (namespace) => namespace.pods,
    attention: namespaceAttention,
  };
  const primary = compareBy(value[sort.key] ?? value.name!, sort.direction);
  return [...namespaces].sort((a, b) => primary(a, b) || byName(a, b));
}
