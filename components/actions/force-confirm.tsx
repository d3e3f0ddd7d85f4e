'use client';

import { useId } from 'react';
import { ErrorCallout } from '@/components/ui/error-callout';

/**
 * A guard refusal (guarded namespace, or a restart the engine says cannot work) and the explicit second
 * confirmation that overrides it: the server is then asked again with "force".
 */
export function ForceConfirm({
  error,
  forced,
  onForce,
  what,
}: {
  error: unknown;
  forced: boolean;
  onForce: (forced: boolean) => void;
  what: string;
}) {
  const id = useId();
  return (
    <div className="space-y-2" data-testid="guard-refusal">
      <ErrorCallout error={error} prefix="Refused" />
      <label htmlFor={id} className="flex items-start gap-2 text-[13px] text-zinc-800 dark:text-zinc-200">
        <input
          id={id}
          type="checkbox"
          data-testid="force-confirm"
          className="mt-0.5 size-4 accent-rose-700"
          checked={forced}
          onChange={(event) => onForce(event.target.checked)}
        />
        <span>I understand the risk and want to {what} anyway.</span>
      </label>
    </div>
  );
}
