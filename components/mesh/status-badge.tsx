import type { PodStatus, StatusCounts } from '@/lib/api/dto';
import { STATUS_LOOK, STATUS_ORDER, TONE_CLASSES } from '@/lib/ui/pod-status';
import { Badge } from '@/components/ui/badge';

export function StatusBadge({ status }: { status: PodStatus }) {
  const look = STATUS_LOOK[status];
  return (
    <Badge tone={look.tone} title={look.hint}>
      <span aria-hidden="true" className={`size-1.5 rounded-full ${TONE_CLASSES[look.tone].dot}`} />
      {look.label}
    </Badge>
  );
}

/** Non-zero statuses as `3 missing-proxy` badges, most urgent first. */
export function StatusCountList({ counts, max = 6 }: { counts: StatusCounts; max?: number }) {
  const present = STATUS_ORDER.filter((status) => counts[status] > 0).slice(0, max);
  if (present.length === 0) return <span className="text-zinc-500 dark:text-zinc-400">no pods</span>;
  return (
    <span className="flex items-center gap-1">
      {present.map((status) => {
        const look = STATUS_LOOK[status];
        return (
          <Badge key={status} tone={look.tone} title={`${counts[status]} ${look.label}: ${look.hint}`}>
            <span className="tabular-nums">{counts[status].toLocaleString('en-US')}</span>
            {look.label}
          </Badge>
        );
      })}
    </span>
  );
}
