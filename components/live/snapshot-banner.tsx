'use client';

import { Callout } from '@/components/ui/callout';
import { formatAge, formatTime } from '@/lib/ui/format';
import { useContextInfo } from '@/lib/ui/use-api';
import { useNow } from '@/lib/ui/use-now';

/** MESHWATCH_SNAPSHOT: says on every page that this is a dump, of when, and that nothing here is live. */
export function SnapshotBanner() {
  const { data } = useContextInfo();
  const now = useNow();
  const snapshot = data?.context.snapshot;
  if (!snapshot) return null;
  const when = snapshot.takenAt
    ? `${formatTime(snapshot.takenAt)}${now ? ` (${formatAge(snapshot.takenAt, now)} ago)` : ''}`
    : 'an unknown time';
  return (
    <Callout tone="info" role="status" testId="snapshot-banner" title={`Snapshot of ${when}`}>
      meshwatch shows the dump <span className="font-mono">{snapshot.file}</span>, not a live cluster: nothing
      here updates, and there are no actions.
    </Callout>
  );
}
