'use client';

import { useStreamState } from './stream-provider';

/** The small "Live" light in the header. */
export function LiveIndicator() {
  const { connection, freshness } = useStreamState();
  const stale = freshness?.stale ?? false;
  const look =
    connection === 'open' && !stale
      ? { dot: 'bg-emerald-500', ping: true, label: 'Live' }
      : connection === 'connecting'
        ? { dot: 'bg-zinc-400', ping: false, label: 'Connecting' }
        : { dot: 'bg-amber-500', ping: false, label: stale ? 'Stale' : 'Reconnecting' };
  return (
    <span
      data-testid="live-indicator"
      data-state={connection}
      className="inline-flex items-center gap-1.5 text-xs text-zinc-600 dark:text-zinc-400"
      title={connection === 'open' ? 'Receiving cluster changes as they happen' : undefined}
    >
      <span className="relative flex size-2">
        {look.ping && (
          <span className="absolute inline-flex size-full animate-ping rounded-full bg-emerald-400 opacity-50 motion-reduce:hidden" />
        )}
        <span className={`relative inline-flex size-2 rounded-full ${look.dot}`} />
      </span>
      {look.label}
    </span>
  );
}
