import type { InjectionDecision } from '@/lib/api/dto';
import { Badge } from '@/components/ui/badge';

/** What the injector would do with the workload's current template, as the engine decided it. */
export function TemplateVerdict({ decision }: { decision: InjectionDecision }) {
  const first = decision.reasons[0];
  if (decision.inject)
    return (
      <Badge tone="good" title="A pod created from this template gets a proxy">
        injects
      </Badge>
    );
  const detail = decision.reasons.map((reason) => `${reason.message}. Fix: ${reason.fix}`).join('\n');
  return (
    <span className="flex min-w-0 items-center gap-1.5" title={detail}>
      <Badge tone={decision.optedIn ? 'bad' : 'neutral'}>
        {decision.optedIn ? 'blocked' : 'not opted in'}
      </Badge>
      {first && <span className="truncate text-xs text-zinc-600 dark:text-zinc-400">{first.message}</span>}
    </span>
  );
}
