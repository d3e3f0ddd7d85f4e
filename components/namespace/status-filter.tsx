'use client';

import type { PodStatus, StatusCounts } from '@/lib/api/dto';
import { Chip } from '@/components/ui/chip';
import { STATUS_LOOK, STATUS_ORDER, TONE_CLASSES } from '@/lib/ui/pod-status';

/** One chip per status with its count; several can be on at once. */
export function StatusFilter({
  counts,
  selected,
  onChange,
}: {
  counts: StatusCounts;
  selected: readonly PodStatus[];
  onChange: (statuses: PodStatus[]) => void;
}) {
  return (
    <div role="group" aria-label="Filter by status" className="flex flex-wrap items-center gap-1.5">
      {STATUS_ORDER.map((status) => {
        const on = selected.includes(status);
        const look = STATUS_LOOK[status];
        return (
          <Chip
            key={status}
            pressed={on}
            count={counts[status]}
            dotClass={TONE_CLASSES[look.tone].dot}
            title={look.hint}
            onToggle={() => onChange(on ? selected.filter((item) => item !== status) : [...selected, status])}
          >
            {look.label}
          </Chip>
        );
      })}
    </div>
  );
}
