import 'server-only';
// Activity read from the cluster: meshwatch's own Events (source meshwatch) in every namespace, merged
// with this process's ring (lib/api/activity.ts). Without permission to list events cluster-wide the
// ring alone answers and says why.
import type { CoreV1Event } from '@kubernetes/client-node';
import { mergeActivity, type MeshwatchEventRecord } from '@/lib/api/activity';
import type { ActivityResponse } from '@/lib/api/dto';
import { recentActivity } from './audit';
import { callOptions, type Clients } from './config';
import { kubeCall } from './errors';
import { isoTime } from './ingest';

function toRecord(e: CoreV1Event): MeshwatchEventRecord {
  return {
    uid: e.metadata?.uid ?? '',
    reason: e.reason ?? '',
    message: e.message ?? '',
    at: isoTime(e.firstTimestamp) || isoTime(e.eventTime) || isoTime(e.metadata?.creationTimestamp),
    involvedObject: {
      kind: e.involvedObject.kind ?? '',
      namespace: e.involvedObject.namespace ?? e.metadata?.namespace ?? '',
      name: e.involvedObject.name ?? '',
    },
    instance: e.reportingInstance || undefined,
  };
}

export async function activityView(clients: Clients | null): Promise<ActivityResponse> {
  const ring = recentActivity();
  if (!clients) return { entries: ring, source: 'memory', eventsError: 'no cluster connection' };
  try {
    const list = await kubeCall(() =>
      clients.core.listEventForAllNamespaces(
        { fieldSelector: 'source=meshwatch', limit: 500 },
        callOptions({ timeoutMs: 5_000 }),
      ),
    );
    return { entries: mergeActivity(ring, list.items.map(toRecord)), source: 'cluster' };
  } catch (err) {
    return {
      entries: ring,
      source: 'memory',
      eventsError: err instanceof Error ? err.message : String(err),
    };
  }
}
