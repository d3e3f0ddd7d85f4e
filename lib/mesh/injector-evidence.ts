// The injector's own word next to a pod it left without a proxy. Linkerd's proxy-injector records an
// `InjectionSkipped` event (its message is the skip reason from pkg/inject/report.go) on the object it
// was asked about; for a pod that should have a proxy (missing-proxy) or asked for one and cannot have
// it (not-injectable), the latest such event says why, in the injector's words.
import type { PodStatus } from './outputs.ts';

export interface InjectorEventFact {
  reason: string;
  message: string;
  lastSeen: string;
}

const EXPLAINED: ReadonlySet<PodStatus> = new Set(['missing-proxy', 'not-injectable']);

export function injectorEvidence<E extends InjectorEventFact>(
  status: PodStatus,
  events: readonly E[],
): E | undefined {
  if (!EXPLAINED.has(status)) return undefined;
  let latest: E | undefined;
  for (const event of events) {
    if (event.reason !== 'InjectionSkipped') continue;
    if (!latest || Date.parse(event.lastSeen) > Date.parse(latest.lastSeen)) latest = event;
  }
  return latest;
}
