'use client';

import { useMemo, useState } from 'react';
import { Button } from '@/components/ui/button';
import { CheckIcon, WarningIcon } from '@/components/ui/icons';
import { Spinner } from '@/components/ui/spinner';
import { errorMessage } from '@/lib/ui/api-error';
import { formatSeconds, workloadLabel } from '@/lib/ui/format';
import { isFinished, targetProgress, type RolloutWatch } from '@/lib/ui/rollout';
import { useNamespace } from '@/lib/ui/use-api';
import { useRolloutStates } from '@/lib/ui/use-rollout-states';
import { useNow } from '@/lib/ui/use-now';
import { RolloutSummary, summarize } from './rollout-summary';
import { TargetRow } from './target-row';

/** Follows one restart live (the stream revalidates the namespace) until the new pods settle. */
export function RolloutCard({ watch, onDismiss }: { watch: RolloutWatch; onDismiss: () => void }) {
  const { data, error } = useNamespace(watch.namespace);
  const now = useNow();
  const before = useMemo(() => new Set(watch.podsBefore), [watch.podsBefore]);
  const [settled, setSettled] = useState(false);
  const { data: states } = useRolloutStates(watch, settled);
  const progress = useMemo(
    () =>
      watch.targets.map((target) =>
        targetProgress(target, data?.pods ?? [], before, states?.[`${target.kind}/${target.name}`]),
      ),
    [watch.targets, data, before, states],
  );
  const allSettled = progress.every(
    (p) => p.phase === 'done' || p.phase === 'skipped' || p.phase === 'failed',
  );
  if (allSettled !== settled) setSettled(allSettled);
  const finished = progress.every(isFinished);
  const summary = finished ? summarize(progress) : null;
  // The clock stops when the rollout settles (state set while rendering: React's "previous render" pattern).
  const [finishedAt, setFinishedAt] = useState<number | null>(null);
  if (finished && finishedAt === null && now !== 0) setFinishedAt(now);
  const end = finishedAt ?? now;
  const elapsed = end === 0 ? '' : formatSeconds(Math.max(0, Math.round((end - watch.startedAt) / 1000)));
  const title =
    watch.targets.length === 1 && watch.targets[0]
      ? workloadLabel(watch.targets[0])
      : `${watch.targets.length} workloads`;

  return (
    <article
      data-testid="rollout-card"
      data-state={finished ? (summary?.tone ?? 'done') : 'running'}
      aria-labelledby={`${watch.id}-title`}
      className="rounded-lg bg-white ring-1 ring-zinc-200 dark:bg-zinc-900 dark:ring-zinc-800"
    >
      <header className="flex items-center gap-2.5 px-4 py-2.5">
        {!finished ? (
          <Spinner className="size-4 text-teal-600 dark:text-teal-400" />
        ) : summary?.tone === 'good' ? (
          <CheckIcon className="size-4 text-emerald-600 dark:text-emerald-400" />
        ) : (
          <WarningIcon className="size-4 text-amber-600 dark:text-amber-400" />
        )}
        <h2 id={`${watch.id}-title`} className="min-w-0 flex-1 truncate text-[13px] font-semibold">
          {finished ? 'Restarted' : 'Restarting'} <span className="font-mono">{title}</span> in{' '}
          <span className="font-mono">{watch.namespace}</span>
          <span className="ml-2 font-normal text-zinc-500 tabular-nums dark:text-zinc-400">
            {finished ? `in ${elapsed}` : elapsed}
          </span>
        </h2>
        <Button variant="ghost" size="xs" onClick={onDismiss}>
          {finished ? 'Dismiss' : 'Stop following'}
        </Button>
      </header>
      <ul className="border-t border-zinc-100 dark:border-zinc-800">
        {progress.map((item) => (
          <TargetRow key={`${item.kind}/${item.name}`} progress={item} />
        ))}
      </ul>
      <div aria-live="polite" className="empty:hidden">
        {error && !data && (
          <p className="border-t border-zinc-100 px-4 py-2 text-[13px] text-rose-700 dark:border-zinc-800 dark:text-rose-300">
            Cannot read the namespace: {errorMessage(error)}
          </p>
        )}
        {summary && <RolloutSummary summary={summary} />}
      </div>
    </article>
  );
}
