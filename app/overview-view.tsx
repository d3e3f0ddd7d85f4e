'use client';

import { useDeferredValue, useMemo, useState } from 'react';
import { ClusterHeader } from '@/components/overview/cluster-header';
import { InjectorHealth } from '@/components/overview/injector-health';
import { NamespaceTable } from '@/components/overview/namespace-table';
import { SummaryCards } from '@/components/overview/summary-cards';
import { Card, CardHeader } from '@/components/ui/card';
import { Chip } from '@/components/ui/chip';
import { ErrorCallout } from '@/components/ui/error-callout';
import { SearchInput } from '@/components/ui/search-input';
import { PageSkeleton } from '@/components/ui/skeleton';
import { Button } from '@/components/ui/button';
import { plural } from '@/lib/ui/format';
import { namespaceAttention } from '@/lib/mesh/attention';
import { filterNamespaces, NAMESPACE_SORTS, sortNamespaces } from '@/lib/ui/namespace-list';
import { nextSort, readSort } from '@/lib/ui/table-sort';
import { useOverview } from '@/lib/ui/use-api';
import { useUrlState } from '@/lib/ui/use-url-state';

export function OverviewView() {
  const { data, error, mutate } = useOverview();
  const [params, setParams] = useUrlState();
  const [query, setQuery] = useState(params.get('q') ?? '');
  const deferredQuery = useDeferredValue(query);
  const attentionOnly = params.get('only') === 'attention';
  const sort = useMemo(() => readSort(params, NAMESPACE_SORTS, { key: 'name', direction: 'asc' }), [params]);

  const rows = useMemo(
    () =>
      sortNamespaces(filterNamespaces(data?.namespaces ?? [], { query: deferredQuery, attentionOnly }), sort),
    [data, deferredQuery, attentionOnly, sort],
  );

  if (!data) {
    if (error)
      return (
        <ErrorCallout
          error={error}
          prefix="Cannot load the overview"
          actions={<Button onClick={() => void mutate()}>Retry</Button>}
        />
      );
    return <PageSkeleton label="Loading the cluster overview" />;
  }

  const attention = data.namespaces.filter((namespace) => namespaceAttention(namespace) > 0).length;
  return (
    <div className="space-y-4">
      <ClusterHeader context={data.context} cluster={data.cluster} />
      <InjectorHealth cluster={data.cluster} />
      <SummaryCards cluster={data.cluster} namespaces={data.namespaces} />
      {error && <ErrorCallout error={error} prefix="Showing the last good answer" />}
      <Card>
        <CardHeader
          id="namespaces-heading"
          title="Namespaces"
          description={`${rows.length === data.namespaces.length ? plural(rows.length, 'namespace') : `${rows.length} of ${plural(data.namespaces.length, 'namespace')}`}`}
          actions={
            <>
              <Chip
                pressed={attentionOnly}
                onToggle={() => setParams({ only: attentionOnly ? null : 'attention' })}
                count={attention}
                dotClass="bg-amber-500"
              >
                Needs attention
              </Chip>
              <SearchInput
                label="Filter namespaces"
                placeholder="Filter namespaces"
                value={query}
                onChange={(value) => {
                  setQuery(value);
                  setParams({ q: value || null });
                }}
              />
            </>
          }
        />
        <NamespaceTable
          namespaces={rows}
          sort={sort}
          onSort={(key) => {
            const next = nextSort(sort, key, ['meshed', 'pods', 'attention']);
            setParams({ sort: next.key, dir: next.direction });
          }}
        />
      </Card>
    </div>
  );
}
