import type { ReactNode } from 'react';
import { TONE_CLASSES, type Tone } from '@/lib/ui/pod-status';

export function Badge({
  tone = 'neutral',
  children,
  title,
  className = '',
}: {
  tone?: Tone;
  children: ReactNode;
  title?: string;
  className?: string;
}) {
  return (
    <span
      title={title}
      className={`inline-flex h-5 items-center gap-1 rounded px-1.5 font-mono text-[11px] leading-none font-medium whitespace-nowrap ring-1 ring-inset ${TONE_CLASSES[tone].badge} ${className}`}
    >
      {children}
    </span>
  );
}

/** A small neutral label for facts (kinds, phases) rather than verdicts. */
export function Tag({ children, title }: { children: ReactNode; title?: string }) {
  return (
    <span
      title={title}
      className="inline-flex h-5 items-center rounded bg-zinc-100 px-1.5 text-[11px] leading-none whitespace-nowrap text-zinc-600 dark:bg-zinc-800 dark:text-zinc-300"
    >
      {children}
    </span>
  );
}
