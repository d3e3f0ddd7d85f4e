import type { ReactNode } from 'react';

/** A toggle for filters: aria-pressed tells assistive tech whether it is on. */
export function Chip({
  pressed,
  onToggle,
  children,
  count,
  dotClass,
  title,
}: {
  pressed: boolean;
  onToggle: () => void;
  children: ReactNode;
  count?: number;
  dotClass?: string;
  title?: string;
}) {
  return (
    <button
      type="button"
      aria-pressed={pressed}
      title={title}
      onClick={onToggle}
      className={`inline-flex h-7 items-center gap-1.5 rounded-full px-2.5 text-xs font-medium whitespace-nowrap ring-1 transition-colors ring-inset focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-teal-600 ${
        pressed
          ? 'bg-zinc-900 text-white ring-zinc-900 dark:bg-zinc-100 dark:text-zinc-900 dark:ring-zinc-100'
          : count === 0
            ? 'bg-white text-zinc-500 ring-zinc-200 hover:bg-zinc-50 dark:bg-zinc-900 dark:text-zinc-400 dark:ring-zinc-800 dark:hover:bg-zinc-800'
            : 'bg-white text-zinc-700 ring-zinc-300 hover:bg-zinc-50 dark:bg-zinc-900 dark:text-zinc-300 dark:ring-zinc-700 dark:hover:bg-zinc-800'
      }`}
    >
      {dotClass && <span aria-hidden="true" className={`size-2 rounded-full ${dotClass}`} />}
      {children}
      {count !== undefined && (
        <span className="font-normal tabular-nums">{count.toLocaleString('en-US')}</span>
      )}
    </button>
  );
}
