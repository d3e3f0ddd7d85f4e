'use client';

import type { ActivityEntry } from '@/lib/api/dto';
import { Badge, Tag } from '@/components/ui/badge';
import { VirtualTable, type Column } from '@/components/ui/virtual-table';
import { formatTime } from '@/lib/ui/format';
import { RelativeTime } from '@/components/ui/relative-time';

const ACTION_LABEL: Record<ActivityEntry['action'], string> = {
  'set-injection': 'Set injection',
  'restart-workload': 'Restart workload',
  'restart-namespace': 'Restart namespace',
  'fix-lint': 'Fix lint',
  'restart-plan': 'Restart plan',
};

export function ActivityTable({ entries }: { entries: readonly ActivityEntry[] }) {
  const columns: Column<ActivityEntry>[] = [
    {
      id: 'at',
      header: 'When',
      width: '14rem',
      cell: (entry) => (
        <span className="text-xs tabular-nums">
          {formatTime(entry.at)}
          <RelativeTime iso={entry.at} className="ml-1.5 text-zinc-500 dark:text-zinc-400" />
        </span>
      ),
    },
    {
      id: 'action',
      header: 'Action',
      width: '10rem',
      cell: (entry) => ACTION_LABEL[entry.action] ?? entry.action,
    },
    {
      id: 'target',
      header: 'Target',
      width: '20rem',
      cell: (entry) => (
        <span className="font-mono text-xs" title={entry.target}>
          {entry.target}
        </span>
      ),
    },
    {
      id: 'result',
      header: 'Result',
      width: '8rem',
      cell: (entry) => (
        <span className="flex items-center gap-1">
          <Badge tone={entry.result === 'ok' ? 'good' : 'bad'}>{entry.result}</Badge>
          {entry.dryRun && <Tag>dry run</Tag>}
        </span>
      ),
    },
    { id: 'detail', header: 'Detail', cell: (entry) => <span title={entry.detail}>{entry.detail}</span> },
    {
      id: 'client',
      header: 'Client',
      width: '9rem',
      cell: (entry) => (
        <span className="font-mono text-xs text-zinc-500 dark:text-zinc-400">{entry.client}</span>
      ),
    },
  ];
  return (
    <VirtualTable
      label="Recent actions"
      rows={entries}
      columns={columns}
      rowKey={(entry) => entry.id}
      rowTestId="activity-row"
      scrollerClass="max-h-[calc(100dvh-14rem)]"
      empty="Nothing here yet. Changes made through meshwatch, and their dry runs, show up here."
    />
  );
}
