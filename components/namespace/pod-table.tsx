'use client';

import { useMemo } from 'react';
import type { PodRow } from '@/lib/api/dto';
import { podWhy } from '@/lib/mesh/status-words';
import { StatusBadge } from '@/components/mesh/status-badge';
import { Tag } from '@/components/ui/badge';
import { VirtualTable, type Column } from '@/components/ui/virtual-table';
import { workloadLabel } from '@/lib/ui/format';
import type { SortState } from '@/lib/ui/table-sort';
import { RelativeTime } from '@/components/ui/relative-time';

function ProxyCell({ pod }: { pod: PodRow }) {
  if (!pod.meshed) return <span className="text-zinc-500 dark:text-zinc-400">—</span>;
  return (
    <span className="flex items-center gap-1.5">
      <span
        aria-hidden="true"
        className={`size-1.5 rounded-full ${pod.proxyReady ? 'bg-emerald-500' : 'bg-amber-500'}`}
      />
      <span className="truncate font-mono text-xs">{pod.proxyVersion ?? 'unknown'}</span>
      <span className="text-xs text-zinc-500 dark:text-zinc-400">
        {pod.proxyReady ? 'ready' : 'not ready'}
      </span>
    </span>
  );
}

export function PodTable({
  pods,
  sort,
  onSort,
  onOpen,
}: {
  pods: readonly PodRow[];
  sort: SortState;
  onSort: (key: string) => void;
  onOpen: (pod: string) => void;
}) {
  const columns = useMemo<Column<PodRow>[]>(
    () => [
      {
        id: 'name',
        header: 'Pod',
        width: '20rem',
        sortKey: 'name',
        cell: (pod) => (
          <button
            type="button"
            onClick={() => onOpen(pod.name)}
            className="max-w-full truncate rounded text-left font-mono text-[13px] font-medium text-teal-800 hover:underline focus-visible:outline-2 focus-visible:outline-teal-600 dark:text-teal-300"
            aria-label={`Explain ${pod.name}`}
          >
            {pod.name}
          </button>
        ),
      },
      {
        id: 'status',
        header: 'Status',
        width: '9.5rem',
        sortKey: 'status',
        cell: (pod) => <StatusBadge status={pod.status} />,
      },
      {
        id: 'reasons',
        header: 'Why',
        cell: (pod) =>
          pod.status === 'meshed' || pod.status === 'unmeshed' ? (
            <span className="text-zinc-500 dark:text-zinc-400">—</span>
          ) : (
            // One human sentence; Linkerd's codes and the fix stay one hover away. Wraps instead of clipping.
            <span
              className="line-clamp-2 text-xs break-words whitespace-normal text-zinc-700 dark:text-zinc-300"
              title={[...pod.reasons.map((r) => `${r.code}: ${r.message}`), pod.fix]
                .filter(Boolean)
                .join('\n')}
              data-testid="pod-why"
            >
              {podWhy(
                pod.status,
                pod.reasons.map((r) => r.code),
              )}
              {pod.reasons.length > 1 && <span> (+{pod.reasons.length - 1} more)</span>}
            </span>
          ),
      },
      {
        id: 'proxy',
        header: 'Proxy',
        // Room for a full version (stable-2.14.10, version-2.20.1): it is what outdated-proxy is about.
        width: '13.5rem',
        sortKey: 'proxy',
        cell: (pod) => <ProxyCell pod={pod} />,
      },
      {
        id: 'owner',
        header: 'Owner',
        width: '15rem',
        sortKey: 'owner',
        cell: (pod) =>
          pod.workload ? (
            <span
              className="truncate font-mono text-xs"
              title={pod.owner ? `controlled by ${workloadLabel(pod.owner)}` : undefined}
            >
              {workloadLabel(pod.workload)}
            </span>
          ) : pod.owner ? (
            <span className="truncate font-mono text-xs">{workloadLabel(pod.owner)}</span>
          ) : (
            <span className="text-xs text-zinc-500 dark:text-zinc-400">bare pod</span>
          ),
      },
      {
        id: 'phase',
        header: 'Phase',
        width: '6.5rem',
        cell: (pod) => <Tag>{pod.deleting ? 'Terminating' : pod.phase}</Tag>,
      },
      {
        id: 'age',
        header: 'Age',
        width: '4.5rem',
        align: 'right',
        sortKey: 'age',
        cell: (pod) => (
          <RelativeTime
            iso={pod.createdAt}
            ago={false}
            className="text-xs text-zinc-600 tabular-nums dark:text-zinc-400"
          />
        ),
      },
    ],
    [onOpen],
  );
  return (
    <VirtualTable
      label="Pods"
      rows={pods}
      columns={columns}
      rowKey={(pod) => pod.uid}
      sort={sort}
      onSort={onSort}
      rowTestId="pod-row"
      scrollerClass="max-h-[calc(100dvh-12rem)]"
      empty="No pod matches these filters."
    />
  );
}
