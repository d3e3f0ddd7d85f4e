'use client';

import type { WorkloadRow } from '@/lib/api/dto';
import { RestartWorkloadButton } from '@/components/actions/action-buttons';
import { WorkloadInjectionButton } from '@/components/actions/fix-buttons';
import { GitOpsBadge } from '@/components/mesh/gitops-badge';
import { LintCount } from '@/components/mesh/lint-list';
import { StatusCountList } from '@/components/mesh/status-badge';
import { Badge, Tag } from '@/components/ui/badge';
import { RatioBar } from '@/components/ui/ratio-bar';
import { VirtualTable, type Column } from '@/components/ui/virtual-table';
import type { SortState } from '@/lib/ui/table-sort';
import { TemplateVerdict } from './template-verdict';

const COLUMNS: Column<WorkloadRow>[] = [
  {
    id: 'name',
    header: 'Workload',
    width: '16rem',
    sortKey: 'name',
    cell: (workload) => (
      <span className="flex min-w-0 items-center gap-1.5">
        <span className="truncate font-mono text-[13px] font-medium">{workload.name}</span>
        {workload.lints.length > 0 && <LintCount lints={workload.lints} />}
        <GitOpsBadge manager={workload.gitOps} />
      </span>
    ),
  },
  {
    id: 'kind',
    header: 'Kind',
    width: '8rem',
    sortKey: 'kind',
    cell: (workload) => <Tag>{workload.kind}</Tag>,
  },
  {
    id: 'meshed',
    header: 'Meshed',
    width: '10rem',
    sortKey: 'meshed',
    cell: (workload) => (
      <RatioBar
        part={workload.meshed}
        counts={workload.statusCounts}
        whole={workload.pods}
        label={`${workload.meshed} of ${workload.pods} pods meshed`}
      />
    ),
  },
  {
    id: 'statuses',
    header: 'Pods by status',
    sortKey: 'attention',
    cell: (workload) => <StatusCountList counts={workload.statusCounts} />,
  },
  {
    id: 'template',
    header: 'Template',
    width: '22rem',
    cell: (workload) => <TemplateVerdict decision={workload.template} />,
  },
  {
    id: 'restart',
    header: <span className="sr-only">Actions</span>,
    // Room for the "needs restart" badge and both buttons side by side: a clipped button cannot be clicked.
    width: '19rem',
    align: 'right',
    cell: (workload) => (
      <span className="inline-flex items-center gap-2">
        {workload.needsRestart && (
          <Badge tone="warn" title="Its running pods differ from what a restart would create">
            needs restart
          </Badge>
        )}
        <WorkloadInjectionButton workload={workload} />
        <RestartWorkloadButton workload={workload} />
      </span>
    ),
  },
];

export function WorkloadTable({
  workloads,
  sort,
  onSort,
}: {
  workloads: readonly WorkloadRow[];
  sort: SortState;
  onSort: (key: string) => void;
}) {
  return (
    <VirtualTable
      label="Workloads"
      rows={workloads}
      columns={COLUMNS}
      rowKey={(workload) => `${workload.kind}/${workload.name}`}
      sort={sort}
      onSort={onSort}
      rowTestId="workload-row"
      scrollerClass="max-h-[22rem]"
      empty="No workload matches these filters."
    />
  );
}
