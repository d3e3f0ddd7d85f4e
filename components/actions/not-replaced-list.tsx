import type { PlanExclusion } from '@/lib/api/dto';
import { Callout } from '@/components/ui/callout';
import { plural, sentence } from '@/lib/ui/format';

/** Every pod a restart will leave as it is, and what to do for it instead (bare pod, paused, OnDelete …). */
export function NotReplacedList({ items }: { items: readonly PlanExclusion[] }) {
  if (items.length === 0) return null;
  const pods = items.reduce((sum, item) => sum + item.pods.length, 0);
  return (
    <Callout
      tone="warn"
      testId="not-replaced"
      title={`${plural(pods, 'pod')} will not be replaced by this restart`}
    >
      <ul className="space-y-1">
        {items.map((item) => (
          <li key={`${item.kind}/${item.name}`} data-testid="not-replaced-item" className="break-words">
            <span className="font-mono text-xs">
              {item.kind.toLowerCase()}/{item.name}
            </span>
            {item.kind !== 'Pod' && <span className="text-xs"> ({item.pods.join(', ')})</span>}:{' '}
            {sentence(item.action)}
          </li>
        ))}
      </ul>
    </Callout>
  );
}
