'use client';

import { useCallback, useDeferredValue, useMemo, useState } from 'react';
import { LintList } from '@/components/mesh/lint-list';
import { NamespaceHeader } from '@/components/namespace/namespace-header';
import { PodTable } from '@/components/namespace/pod-table';
import { StatusFilter } from '@/components/namespace/status-filter';
import { WorkloadTable } from '@/components/namespace/workload-table';
import { PodPanel } from '@/components/pod/pod-panel';
import { Button } from '@/components/ui/button';
import { Card, CardHeader } from '@/components/ui/card';
import { ErrorCallout } from '@/components/ui/error-callout';
import { SearchInput } from '@/components/ui/search-input';
import { PageSkeleton } from '@/components/ui/skeleton';
import { plural } from '@/lib/ui/format';
import {
  filterPods,
  filterWorkloads,
  POD_SORTS,
  sortPods,
  sortWorkloads,
  WORKLOAD_SORTS,
} from '@/lib/ui/pod-list';
import { isPodStatus } from '@/lib/ui/pod-status';
import { nextSort, readSort } from '@/lib/ui/table-sort';
import { useNamespace } from '@/lib/ui/use-api';
import { useUrlState } from '@/lib/ui/use-url-state';

function counted(shown: number, total: number, noun: string): string {
  return shown === total ? plural(total, noun) : `${shown} of ${plural(total, noun)}`;
}

export function NamespaceView({ namespace }: { namespace: string }) {
  const { data, error, mutate } = useNamespace(namespace);
  const [params, setParams] = useUrlState();
  const [query, setQuery] = useState(params.get('q') ?? '');
  const deferredQuery = useDeferredValue(query);
  const statusParam = params.get('status') ?? '';
  const statuses = useMemo(() => statusParam.split(',').filter(isPodStatus), [statusParam]);
  const podSort = useMemo(() => readSort(params, POD_SORTS, { key: 'status', direction: 'asc' }), [params]);
  const workloadSort = useMemo(
    () => readSort(params, WORKLOAD_SORTS, { key: 'attention', direction: 'desc' }, 'w'),
    [params],
  );
  const openPod = params.get('pod') || null; // an empty ?pod= means no panel

  const pods = useMemo(
    () => sortPods(filterPods(data?.pods ?? [], { statuses, query: deferredQuery }), podSort),
    [data, statuses, deferredQuery, podSort],
  );
  const workloads = useMemo(
    () =>
      sortWorkloads(filterWorkloads(data?.workloads ?? [], { statuses, query: deferredQuery }), workloadSort),
    [data, statuses, deferredQuery, workloadSort],
  );
  const onOpenPod = useCallback((pod: string) => setParams({ pod }, 'push'), [setParams]);

  if (!data) {
    if (error)
      return (
        <ErrorCallout
          error={error}
          prefix={`Cannot load ${namespace}`}
          actions={<Button onClick={() => void mutate()}>Retry</Button>}
        />
      );
    return <PageSkeleton label="Loading the namespace" />;
  }

  const filtered = statuses.length > 0 || query !== '';
  return (
    <div className="space-y-4">
      <NamespaceHeader namespace={data.namespace} />
      {error && <ErrorCallout error={error} prefix="Showing the last good answer" />}
      {data.lints.length > 0 && (
        <Card>
          <CardHeader title="Lints" description="Configuration that does not do what it seems to" />
          <LintList lints={data.lints} />
        </Card>
      )}
      <div className="flex flex-wrap items-center gap-3" data-testid="namespace-filters">
        <StatusFilter
          counts={data.namespace.statusCounts}
          selected={statuses}
          onChange={(next) => setParams({ status: next.join(',') || null })}
        />
        <SearchInput
          label="Search workloads and pods"
          placeholder="Search pods, owners, reasons"
          value={query}
          onChange={(value) => {
            setQuery(value);
            setParams({ q: value || null });
          }}
        />
        {filtered && (
          <Button
            variant="ghost"
            size="xs"
            onClick={() => {
              setQuery('');
              setParams({ status: null, q: null });
            }}
          >
            Clear filters
          </Button>
        )}
      </div>
      <Card>
        <CardHeader
          title="Workloads"
          description={counted(workloads.length, data.workloads.length, 'workload')}
        />
        <WorkloadTable
          workloads={workloads}
          sort={workloadSort}
          onSort={(key) => {
            const next = nextSort(workloadSort, key, ['meshed', 'pods', 'attention']);
            setParams({ wsort: next.key, wdir: next.direction });
          }}
        />
      </Card>
      <Card>
        <CardHeader title="Pods" description={counted(pods.length, data.pods.length, 'pod')} />
        <PodTable
          pods={pods}
          sort={podSort}
          onSort={(key) => {
            const next = nextSort(podSort, key);
            setParams({ sort: next.key, dir: next.direction });
          }}
          onOpen={onOpenPod}
        />
      </Card>
      <PodPanel namespace={namespace} pod={openPod} onClose={() => setParams({ pod: null })} />
    </div>
  );
}
