'use client';

import Link from 'next/link';
import type { NamespaceRow } from '@/lib/api/dto';
import { InjectionButton, RestartNamespaceButton } from '@/components/actions/action-buttons';
import { GitOpsBadge } from '@/components/mesh/gitops-badge';
import { InjectValue } from '@/components/mesh/inject-value';
import { LintCount } from '@/components/mesh/lint-list';
import { StatusCountList } from '@/components/mesh/status-badge';
import { Tag } from '@/components/ui/badge';
import { RatioBar } from '@/components/ui/ratio-bar';
import { VirtualTable, type Column } from '@/components/ui/virtual-table';
import type { SortState } from '@/lib/ui/table-sort';

const COLUMNS: Column<NamespaceRow>[] = [
  {
    id: 'name',
    header: 'Namespace',
    width: '15rem',
    sortKey: 'name',
    cell: (namespace) => (
      <span className="flex min-w-0 items-center gap-1.5">
        <Link
          href={`/namespaces/${encodeURIComponent(namespace.name)}`}
          className="truncate rounded font-mono text-[13px] font-medium text-teal-800 hover:underline focus-visible:outline-2 focus-visible:outline-teal-600 dark:text-teal-300"
        >
          {namespace.name}
        </Link>
        {namespace.isControlPlane && <Tag title="Linkerd's control plane namespace">control plane</Tag>}
        {namespace.webhookExcluded && (
          <Tag title="The injector webhook's namespaceSelector does not match this namespace">excluded</Tag>
        )}
        <GitOpsBadge manager={namespace.gitOps} />
      </span>
    ),
  },
  {
    id: 'injection',
    header: 'Injection',
    width: '8rem',
    sortKey: 'injection',
    cell: (namespace) => <InjectValue value={namespace.injectValue} lints={namespace.lints} />,
  },
  {
    id: 'meshed',
    header: 'Meshed',
    width: '11rem',
    sortKey: 'meshed',
    cell: (namespace) => (
      <RatioBar
        part={namespace.meshed}
        counts={namespace.statusCounts}
        whole={namespace.pods}
        label={`${namespace.meshed} of ${namespace.pods} pods meshed`}
      />
    ),
  },
  {
    id: 'statuses',
    header: 'Pods by status',
    sortKey: 'attention',
    cell: (namespace) => <StatusCountList counts={namespace.statusCounts} />,
  },
  {
    id: 'lints',
    header: 'Lints',
    width: '4.5rem',
    cell: (namespace) => <LintCount lints={namespace.lints} workloadLints={namespace.workloadLints} />,
  },
  {
    id: 'actions',
    header: <span className="sr-only">Actions</span>,
    width: '15rem',
    align: 'right',
    cell: (namespace) => (
      <span className="inline-flex items-center gap-1.5">
        {namespace.workloadsNeedingRestart > 0 && (
          <RestartNamespaceButton
            namespace={namespace.name}
            workloadsNeedingRestart={namespace.workloadsNeedingRestart}
            compact
          />
        )}
        <InjectionButton
          namespace={namespace.name}
          current={namespace.injectValue}
          verdict={namespace.injection}
        />
      </span>
    ),
  },
];

export function NamespaceTable({
  namespaces,
  sort,
  onSort,
}: {
  namespaces: readonly NamespaceRow[];
  sort: SortState;
  onSort: (key: string) => void;
}) {
  return (
    <VirtualTable
      label="Namespaces"
      rows={namespaces}
      columns={COLUMNS}
      rowKey={(namespace) => namespace.name}
      sort={sort}
      onSort={onSort}
      rowTestId="namespace-row"
      scrollerClass="max-h-[calc(100dvh-10rem)]"
      empty="No namespace matches these filters."
    />
  );
}
