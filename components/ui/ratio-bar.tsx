/** `x/y` with a thin bar. The text carries the meaning; the bar is decoration. */
export function RatioBar({
  part,
  whole,
  barClass = 'bg-emerald-500 dark:bg-emerald-400',
  label,
}: {
  part: number;
  whole: number;
  barClass?: string;
  label?: string;
}) {
  const width = whole === 0 ? 0 : Math.round((part / whole) * 100);
  return (
    <span className="flex min-w-0 items-center gap-2" title={label}>
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
