import type { ReactNode } from 'react';

export function Card({ children, className = '' }: { children: ReactNode; className?: string }) {
  return (
    <section
      className={`rounded-lg bg-white ring-1 ring-zinc-200 dark:bg-zinc-900 dark:ring-zinc-800 ${className}`}
    >
      {children}
    </section>
  );
}

export function CardHeader({
  title,
  description,
  actions,
  id,
}: {
  title: ReactNode;
  description?: ReactNode;
  actions?: ReactNode;
  id?: string;
}) {
  return (
    <header className="flex flex-wrap items-center justify-between gap-3 border-b border-zinc-200 px-4 py-2.5 dark:border-zinc-800">
      <div className="min-w-0">
        <h2 id={id} className="text-sm font-semibold text-zinc-900 dark:text-zinc-100">
          {title}
        </h2>
        {description && <p className="text-xs text-zinc-500 dark:text-zinc-400">{description}</p>}
      </div>
      {actions && <div className="flex flex-wrap items-center gap-2">{actions}</div>}
    </header>
  );
}

export function StatCard({
  label,
  value,
  detail,
  tone = 'plain',
}: {
  label: string;
  value: ReactNode;
  detail?: ReactNode;
  tone?: 'plain' | 'warn' | 'bad' | 'good';
}) {
  const accents = {
    plain: 'before:bg-zinc-300 dark:before:bg-zinc-700',
    good: 'before:bg-emerald-500',
    warn: 'before:bg-amber-500',
    bad: 'before:bg-rose-500',
  };
  return (
    <div
      className={`relative overflow-hidden rounded-lg bg-white px-4 py-3 ring-1 ring-zinc-200 before:absolute before:inset-y-0 before:left-0 before:w-1 dark:bg-zinc-900 dark:ring-zinc-800 ${accents[tone]}`}
    >
      <dt className="text-xs font-medium text-zinc-500 dark:text-zinc-400">{label}</dt>
      <dd className="mt-1 text-2xl font-semibold text-zinc-900 tabular-nums dark:text-zinc-50">{value}</dd>
      {detail && <dd className="mt-0.5 truncate text-xs text-zinc-500 dark:text-zinc-400">{detail}</dd>}
    </div>
  );
}
