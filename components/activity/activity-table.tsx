'use client';

import type { ActivityEntry } from '@/lib/api/dto';
import { Badge, Tag } from '@/components/ui/badge';
import { VirtualTable, type Column } from '@/components/ui/virtual-table';
import { formatTime } from '@/lib/ui/format';
import { RelativeTime } from '@/components/ui/relative-time';
import { displayName } from '@/lib/ui/session';

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
      id: 'who',
      header: 'Who',
      width: '14rem',
      // The person as the API server knows them; a proxy's user header is only a note beside it.
      cell: (entry) => (
        <span
          className="block truncate text-xs"
          title={[entry.person, entry.groups?.join(', '), entry.user && `proxy said: ${entry.user}`]
            .filter(Boolean)
            .join('\n')}
        >
          {entry.person ? displayName(entry.person) : (entry.user ?? '—')}
          {entry.person && entry.user && entry.user !== entry.person && (
            <span className="ml-1 text-zinc-500 dark:text-zinc-400">({entry.user})</span>
          )}
        </span>
      ),
    },
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
