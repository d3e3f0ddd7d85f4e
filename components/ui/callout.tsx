import type { ReactNode } from 'react';
import { CheckIcon, InfoIcon, WarningIcon } from './icons';

type CalloutTone = 'info' | 'warn' | 'bad' | 'good';

const TONES: Record<CalloutTone, { box: string; icon: ReactNode }> = {
  info: {
    box: 'bg-sky-50 text-sky-950 ring-sky-200 dark:bg-sky-950/40 dark:text-sky-100 dark:ring-sky-900',
    icon: <InfoIcon className="mt-0.5 size-4 text-sky-600 dark:text-sky-400" />,
  },
  warn: {
    box: 'bg-amber-50 text-amber-950 ring-amber-200 dark:bg-amber-950/40 dark:text-amber-100 dark:ring-amber-900',
    icon: <WarningIcon className="mt-0.5 size-4 text-amber-600 dark:text-amber-400" />,
  },
  bad: {
    box: 'bg-rose-50 text-rose-950 ring-rose-200 dark:bg-rose-950/40 dark:text-rose-100 dark:ring-rose-900',
    icon: <WarningIcon className="mt-0.5 size-4 text-rose-600 dark:text-rose-400" />,
  },
  good: {
    box: 'bg-emerald-50 text-emerald-950 ring-emerald-200 dark:bg-emerald-950/40 dark:text-emerald-100 dark:ring-emerald-900',
    icon: <CheckIcon className="mt-0.5 size-4 text-emerald-600 dark:text-emerald-400" />,
  },
};

/** A boxed message. `role` is `alert` only for errors the user just caused; status for the rest. */
export function Callout({
  tone = 'info',
  title,
  children,
  actions,
  role,
  className = '',
  testId,
}: {
  tone?: CalloutTone;
  title?: ReactNode;
  children?: ReactNode;
  actions?: ReactNode;
  role?: 'alert' | 'status';
  className?: string;
  testId?: string;
}) {
  const look = TONES[tone];
  return (
    <div
      role={role}
      data-testid={testId}
      className={`flex gap-2.5 rounded-lg px-3.5 py-2.5 text-[13px] ring-1 ${look.box} ${className}`}
    >
      {look.icon}
      <div className="min-w-0 flex-1">
        {title && <p className="font-semibold">{title}</p>}
        {children && <div className="mt-0.5 space-y-1 leading-relaxed">{children}</div>}
      </div>
      {actions && <div className="flex shrink-0 items-start gap-2">{actions}</div>}
    </div>
  );
}
