import { Badge } from '@/components/ui/badge';
import { StatusBadge } from '@/components/mesh/status-badge';
import { formatSeconds, sentence, workloadLabel } from '@/lib/ui/format';
import type { TargetProgress } from '@/lib/ui/rollout';

function describe(progress: TargetProgress): string {
  const { phase, newPods, newRunning, oldPods, expected, newMeshed, newProxiesReady } = progress;
  switch (phase) {
    case 'waiting':
      return oldPods > 0
        ? `Waiting for the first new pod (${oldPods} old still running)`
        : 'Waiting for the first new pod';
    case 'rolling':
      return `${newRunning}/${Math.max(expected, newPods)} new pods running · ${oldPods} old left`;
    case 'settling':
      return newMeshed > 0
        ? `${newRunning}/${newPods} running · proxies ready ${newProxiesReady}/${newMeshed}`
        : `${newRunning}/${newPods} new pods running`;
    case 'done':
      return expected === 0
        ? 'No pods to replace'
        : `${newPods} new ${newPods === 1 ? 'pod' : 'pods'} running`;
    case 'stalled':
      return `Stalled: no progress for ${formatSeconds(progress.stalledForSeconds ?? 0)}`;
    case 'skipped':
      return `Skipped: ${progress.why ?? 'the server did not restart it'}`;
    case 'failed':
      return `Failed: ${progress.why ?? 'the server could not restart it'}`;
  }
}

const PHASE_TONE = {
  waiting: 'neutral',
  rolling: 'info',
  settling: 'info',
  stalled: 'bad',
  done: 'good',
  skipped: 'neutral',
  failed: 'bad',
} as const;

export function TargetRow({ progress }: { progress: TargetProgress }) {
  const width =
    progress.phase === 'done'
      ? 100
      : Math.round((progress.newRunning / Math.max(1, progress.expected, progress.newPods)) * 100);
  return (
    <li
      data-testid="rollout-target"
      data-phase={progress.phase}
      className="grid grid-cols-[minmax(10rem,16rem)_6rem_1fr] items-center gap-3 px-4 py-2 text-[13px] sm:grid-cols-[minmax(10rem,16rem)_6rem_10rem_1fr]"
    >
      <span className="truncate font-mono text-xs">{workloadLabel(progress)}</span>
      <span>
        <Badge tone={PHASE_TONE[progress.phase]}>{progress.phase}</Badge>
      </span>
      <span
        aria-hidden="true"
        className="hidden h-1.5 overflow-hidden rounded-full bg-zinc-200 sm:block dark:bg-zinc-800"
      >
        <span
          className="block h-full rounded-full bg-teal-600 transition-[width] duration-500 dark:bg-teal-400"
          style={{ width: `${Math.min(100, width)}%` }}
        />
      </span>
      <span className="flex min-w-0 items-center gap-2 text-zinc-700 dark:text-zinc-300">
        <span className="truncate">{describe(progress)}</span>
        {progress.phase === 'done' &&
          progress.statuses.map((status) => <StatusBadge key={status} status={status} />)}
      </span>
      {(progress.problems.length > 0 || progress.lostPods.length > 0) && progress.phase !== 'done' && (
        <div className="col-span-full space-y-1 text-[13px]" data-testid="rollout-problems">
          {progress.lostPods.length > 0 && (
            <p className="font-medium text-rose-700 dark:text-rose-300" data-testid="lost-pods">
              Lost during the roll (deleted, recreation refused): {progress.lostPods.join(', ')}
            </p>
          )}
          {progress.problems.map((problem) => (
            <div
              key={`${problem.reason}|${problem.message}`}
              data-testid="rollout-problem"
              className="rounded bg-rose-50 px-2 py-1.5 dark:bg-rose-950/40"
            >
              <p className="break-words">
                <span className="font-semibold">{problem.reason}</span> on {workloadLabel(problem.object)}
                {problem.count > 1 ? ` (×${problem.count})` : ''}:{' '}
                <span className="font-mono text-xs">{problem.message}</span>
              </p>
              <p>
                <span className="font-medium">What to do:</span> {sentence(problem.fix)}
              </p>
            </div>
          ))}
        </div>
      )}
    </li>
  );
}
