'use client';

import { Callout } from '@/components/ui/callout';
import { formatSeconds } from '@/lib/ui/format';
import { useNow } from '@/lib/ui/use-now';
import { useStreamState } from './stream-provider';

/** Grace before a dropped stream is worth a banner: EventSource usually reconnects within a second. */
const DOWN_GRACE_MS = 4_000;

/** Says so, with ages, when what is on screen may be old: the stream is down or the server's cache is stale. */
export function LiveBanner() {
  const { connection, downSince, freshness, freshnessAt } = useStreamState();
  const now = useNow();
  if (now === 0) return null;

  if (connection === 'down' && downSince !== null && now - downSince > DOWN_GRACE_MS) {
    const age = formatSeconds(Math.round((now - downSince) / 1000));
    return (
      <Callout tone="warn" role="status" testId="live-banner" title={`Live updates lost ${age} ago`}>
        The connection to the meshwatch server dropped; reconnecting. Until it is back, the page refreshes
        every 15 seconds and may show data up to that old.
      </Callout>
    );
  }

  if (freshness && (freshness.stale || !freshness.synced)) {
    const seconds =
      freshness.ageSeconds === null
        ? null
        : freshness.ageSeconds + Math.max(0, Math.round((now - freshnessAt) / 1000));
    const unhealthy = freshness.resources.filter((resource) => !resource.healthy || !resource.synced);
    return (
      <Callout
        tone="warn"
        role="status"
        testId="live-banner"
        title={
          !freshness.synced
            ? 'meshwatch is still loading the cluster'
            : `Cluster data is stale: last heard from the API server ${seconds === null ? 'a while' : formatSeconds(seconds)} ago`
        }
      >
        {unhealthy.length > 0 && (
          <p>
            Affected:{' '}
            {unhealthy
              .map((resource) => `${resource.name}${resource.lastError ? ` (${resource.lastError})` : ''}`)
              .join(', ')}
          </p>
        )}
        <p>What you see is the last known state; actions still go to the cluster directly.</p>
      </Callout>
    );
  }
  return null;
}
