import type { TraceStep } from '@/lib/api/dto';
import { CheckIcon, CrossIcon, InfoIcon } from '@/components/ui/icons';
import { RelativeTime } from '@/components/ui/relative-time';
import { splitTimes } from '@/lib/ui/format';

const OUTCOME = {
  pass: {
    icon: CheckIcon,
    className: 'bg-emerald-100 text-emerald-700 dark:bg-emerald-400/15 dark:text-emerald-300',
    label: 'passes',
  },
  block: {
    icon: CrossIcon,
    className: 'bg-rose-100 text-rose-700 dark:bg-rose-400/15 dark:text-rose-300',
    label: 'blocks injection',
  },
  info: {
    icon: InfoIcon,
    className: 'bg-zinc-100 text-zinc-600 dark:bg-zinc-800 dark:text-zinc-300',
    label: 'note',
  },
} as const;

/** The engine's rule trace, in the order the API server and the injector apply the rules. */
export function TraceList({ steps }: { steps: readonly TraceStep[] }) {
  if (steps.length === 0)
    return <p className="text-zinc-500 dark:text-zinc-400">The engine recorded no steps for this pod.</p>;
  return (
    <ol className="relative space-y-0" data-testid="rule-trace">
      {steps.map((step, index) => {
        const look = OUTCOME[step.outcome];
        const Icon = look.icon;
        return (
          <li
            key={`${step.rule}-${index}`}
            data-outcome={step.outcome}
            className="relative flex gap-3 pb-3 last:pb-0"
          >
            {index < steps.length - 1 && (
              <span
                aria-hidden="true"
                className="absolute top-6 bottom-0 left-[11px] w-px bg-zinc-200 dark:bg-zinc-700"
              />
            )}
            <span
              className={`relative z-[1] flex size-6 shrink-0 items-center justify-center rounded-full ${look.className}`}
            >
              <Icon className="size-3.5" />
            </span>
            <div className="min-w-0 pt-0.5">
              <p className="text-[13px] font-medium text-zinc-900 dark:text-zinc-100">
                <span className="mr-1.5 text-zinc-500 tabular-nums dark:text-zinc-400">{index + 1}.</span>
                {step.rule}
                <span className="sr-only"> ({look.label})</span>
              </p>
              <p className="text-[13px] text-zinc-600 dark:text-zinc-400">
                {splitTimes(step.detail).map((part, at) =>
                  'time' in part ? (
                    <RelativeTime
                      key={at}
                      iso={part.time}
                      className="underline decoration-dotted underline-offset-2"
                    />
                  ) : (
                    part.text
                  ),
                )}
              </p>
            </div>
          </li>
        );
      })}
    </ol>
  );
}
