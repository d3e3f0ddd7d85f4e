import type { Lint } from '@/lib/api/dto';
import { LintFixButton } from '@/components/actions/fix-buttons';
import { InfoIcon, WarningIcon } from '@/components/ui/icons';
import { workloadLabel } from '@/lib/ui/format';

const SEVERITY = {
  error: { icon: WarningIcon, className: 'text-rose-600 dark:text-rose-400', label: 'Error' },
  warning: { icon: WarningIcon, className: 'text-amber-600 dark:text-amber-400', label: 'Warning' },
  info: { icon: InfoIcon, className: 'text-sky-600 dark:text-sky-400', label: 'Note' },
} as const;

/** The engine's lints, each with its one-sentence fix. */
export function LintList({ lints, showTarget = true }: { lints: readonly Lint[]; showTarget?: boolean }) {
  if (lints.length === 0) return null;
  return (
    <ul className="divide-y divide-zinc-100 dark:divide-zinc-800">
      {lints.map((lint, index) => {
        const look = SEVERITY[lint.severity];
        const Icon = look.icon;
        return (
          <li
            key={`${lint.code}-${lint.target.name}-${index}`}
            className="flex gap-2.5 px-4 py-2.5 text-[13px]"
          >
            <Icon className={`mt-0.5 size-4 ${look.className}`} />
            <span className="sr-only">{look.label}:</span>
            <div className="min-w-0 flex-1">
              <p className="text-zinc-900 dark:text-zinc-100">
                {showTarget && (
                  <span className="mr-1.5 font-mono text-xs text-zinc-500 dark:text-zinc-400">
                    {workloadLabel(lint.target)}
                  </span>
                )}
                {lint.message}
              </p>
              <p className="text-zinc-600 dark:text-zinc-400">
                <span className="font-medium">Fix:</span> {lint.fix}
              </p>
            </div>
            <div className="shrink-0 self-center">
              <LintFixButton lint={lint} />
            </div>
          </li>
        );
      })}
    </ul>
  );
}

/** A compact count for table cells; the full list is in the title and on the namespace page. */
/** Lints of a namespace, plus (by severity) those on its workloads, as one count with the worst icon. */
export function LintCount({
  lints,
  workloadLints,
}: {
  lints: readonly Lint[];
  workloadLints?: Readonly<Record<Lint['severity'], number>>;
}) {
  const onWorkloads = workloadLints ? workloadLints.error + workloadLints.warning + workloadLints.info : 0;
  const total = lints.length + onWorkloads;
  if (total === 0) return <span className="text-zinc-500 dark:text-zinc-400">—</span>;
  const has = (severity: Lint['severity']) =>
    lints.some((lint) => lint.severity === severity) || (workloadLints?.[severity] ?? 0) > 0;
  const worst = has('error') ? 'error' : has('warning') ? 'warning' : 'info';
  const look = SEVERITY[worst];
  const Icon = look.icon;
  const title = [
    ...lints.map((lint) => lint.message),
    ...(onWorkloads > 0 ? [`${onWorkloads} on workloads: open the namespace to see them`] : []),
  ].join('\n');
  return (
    <span className={`inline-flex items-center gap-1 align-middle text-xs ${look.className}`} title={title}>
      <Icon className="size-3.5" />
      <span className="tabular-nums">{total}</span>
      <span className="sr-only">{total === 1 ? 'lint' : 'lints'}</span>
    </span>
  );
}
