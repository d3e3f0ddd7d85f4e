'use client';

import type { Capability } from '@/lib/api/dto';
import { LockIcon } from '@/components/ui/icons';
import { READ_ONLY_REASON } from '@/lib/ui/permissions';
import { useCapabilities, useSession } from '@/lib/ui/use-api';

const ACTIONS: { capability: Capability; action: string }[] = [
  { capability: 'patchNamespaces', action: 'change injection' },
  { capability: 'patchDeployments', action: 'restart Deployments' },
  { capability: 'patchStatefulSets', action: 'restart StatefulSets' },
  { capability: 'patchDaemonSets', action: 'restart DaemonSets' },
];

/** Says once, in words, why action buttons are off: read-only mode, or what RBAC denies. */
export function CapabilityNotice() {
  const { data } = useCapabilities();
  const { data: session } = useSession();
  // A snapshot says so in its own banner.
  if (!data || data.snapshot) return null;
  // Acting as the person, rights differ per namespace: each button says its own reason, not this banner.
  if (session?.mode === 'user' && !data.readOnly) return null;
  const denied = data.readOnly ? [] : ACTIONS.filter(({ capability }) => !data.can[capability]);
  if (!data.readOnly && denied.length === 0) return null;
  const reasons = [...new Set(denied.map(({ capability }) => data.why[capability]).filter(Boolean))];
  return (
    <div
      role="note"
      data-testid="capability-notice"
      className="flex items-start gap-2 rounded-lg bg-zinc-100 px-3.5 py-2 text-[13px] text-zinc-700 ring-1 ring-zinc-200 dark:bg-zinc-900 dark:text-zinc-300 dark:ring-zinc-800"
    >
      <LockIcon className="mt-0.5 size-3.5 text-zinc-500 dark:text-zinc-400" />
      {data.readOnly ? (
        <p>{READ_ONLY_REASON}</p>
      ) : (
        <details className="group min-w-0">
          <summary className="cursor-pointer rounded marker:text-zinc-500 focus-visible:outline-2 focus-visible:outline-teal-600">
            Some actions are off: meshwatch cannot {denied.map(({ action }) => action).join(', ')}.{' '}
            <span className="text-zinc-600 group-open:hidden dark:text-zinc-400">{reasons[0]}</span>
          </summary>
          <ul className="mt-1 list-disc pl-5 text-zinc-600 dark:text-zinc-400">
            {reasons.map((why) => (
              <li key={why}>{why}</li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
