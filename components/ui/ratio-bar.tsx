import { barTone } from '@/lib/mesh/status-words';
import type { StatusCounts } from '@/lib/api/dto';
import { TONE_CLASSES } from '@/lib/ui/pod-status';

/**
 * `x/y` with a thin bar. The text carries the meaning; the bar's colour follows the statuses behind it
 * (the engine's barTone: four unwanted proxies are not a green 4/4).
 */
export function RatioBar({
  part,
  whole,
  counts,
  label,
}: {
  part: number;
  whole: number;
  counts?: StatusCounts;
  label?: string;
}) {
  const tone = counts ? barTone(counts) : 'good';
  const barClass = TONE_CLASSES[tone].bar;
  const width = whole === 0 ? 0 : Math.round((part / whole) * 100);
  return (
    <span className="flex min-w-0 items-center gap-2" title={label} data-testid="ratio-bar" data-tone={tone}>
      <span className="w-14 shrink-0 text-right font-mono text-xs text-zinc-700 tabular-nums dark:text-zinc-300">
        {part}/{whole}
      </span>
      <span
        aria-hidden="true"
        className="h-1.5 w-full min-w-8 overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-800"
      >
        <span className={`block h-full rounded-full ${barClass}`} style={{ width: `${width}%` }} />
      </span>
    </span>
  );
}
