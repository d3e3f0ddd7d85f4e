import 'server-only';
// The proxy-injector's recent events for a pod's owner, fetched on demand (never cached: events are
// the noisiest collection in a cluster). The injector records `Injected` / `InjectionSkipped` on the
// owner it resolves (e.g. the Deployment for a ReplicaSet's pod), so both the direct owner and the
// workload a restart acts on are asked.
import type { CoreV1Event } from '@kubernetes/client-node';
import type { InjectorEvent } from '@/lib/api/dto';
import { callOptions, type Clients } from './config';
import { kubeCall } from './errors';
import { isoTime } from './ingest';

const INJECTOR_REASONS = new Set(['Injected', 'InjectionSkipped']);
const MAX_EVENTS = 10;

function toInjectorEvent(e: CoreV1Event): InjectorEvent {
  const lastSeen =
    isoTime(e.lastTimestamp) ||
    isoTime(e.eventTime) ||
    isoTime(e.series?.lastObservedTime) ||
    isoTime(e.metadata?.creationTimestamp);
  return {
    reason: e.reason ?? '',
    message: e.message ?? '',
    count: e.series?.count ?? e.count ?? 1,
    lastSeen,
    object: { kind: e.involvedObject.kind ?? '', name: e.involvedObject.name ?? '' },
  };
}

export async function injectorEvents(
  clients: Clients,
  namespace: string,
  objects: { kind: string; name: string }[],
): Promise<InjectorEvent[]> {
  const unique = objects.filter(
    (o, i) => objects.findIndex((p) => p.kind === o.kind && p.name === o.name) === i,
  );
  const lists = await Promise.all(
    unique.map((o) =>
      kubeCall(() =>
        clients.core.listNamespacedEvent(
          {
            namespace,
            fieldSelector: `involvedObject.kind=${o.kind},involvedObject.name=${o.name}`,
            limit: 200,
          },
          callOptions({ timeoutMs: 5_000 }),
        ),
      ),
    ),
  );
  return lists
    .flatMap((list) => list.items)
    .filter((e) => INJECTOR_REASONS.has(e.reason ?? ''))
    .map(toInjectorEvent)
    .sort((a, b) => b.lastSeen.localeCompare(a.lastSeen))
    .slice(0, MAX_EVENTS);
}
