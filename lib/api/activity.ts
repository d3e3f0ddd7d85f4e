// Activity as the cluster remembers it: meshwatch's own Kubernetes Events (MeshwatchInjectionChanged,
// MeshwatchRestarted), which survive a server restart and read the same from every replica, merged with
// the in-memory ring (a cache that also holds what has no Event: dry runs, refusals, namespace
// summaries). Pure: lib/k8s lists the events and hands over plain records.
import type { ActivityEntry } from './dto';

export interface MeshwatchEventRecord {
  uid: string;
  reason: string;
  message: string;
  /** ISO time of the first occurrence. */
  at: string;
  involvedObject: { kind: string; namespace: string; name: string };
  /** The replica that wrote it (reportingInstance). */
  instance?: string;
}

const ACTION_BY_REASON: Record<string, ActivityEntry['action']> = {
  MeshwatchInjectionChanged: 'set-injection',
  MeshwatchRestarted: 'restart-workload',
  MeshwatchLintFixed: 'fix-lint',
};

/** Same shape the ring uses, so an action seen both ways is recognised. */
export function eventTarget(o: MeshwatchEventRecord['involvedObject']): string {
  return o.kind === 'Namespace' ? `Namespace/${o.name}` : `${o.namespace}/${o.kind}/${o.name}`;
}

/** "meshwatch set linkerd.io/inject: …" → "linkerd.io/inject: …"; "meshwatch restarted X (d)" → "d". */
function detailOf(message: string): string {
  const restarted = /^meshwatch restarted \S+ \S+ \((.*)\)$/.exec(message);
  if (restarted?.[1]) return restarted[1];
  return message.replace(/^meshwatch set /, '');
}

const BY = ' — by ';

/** An Event's message names the person it acted for (`user` mode, or a known shared identity). */
export function messageBy(message: string, person: string | undefined): string {
  return person ? `${message}${BY}${person}` : message;
}

function splitBy(message: string): { message: string; person?: string } {
  const at = message.lastIndexOf(BY);
  return at < 0 ? { message } : { message: message.slice(0, at), person: message.slice(at + BY.length) };
}

export function eventToEntry(e: MeshwatchEventRecord): ActivityEntry | undefined {
  const action = ACTION_BY_REASON[e.reason];
  if (!action) return undefined;
  const { message, person } = splitBy(e.message);
  return {
    id: `event-${e.uid}`,
    at: e.at,
    action,
    target: eventTarget(e.involvedObject),
    dryRun: false,
    result: 'ok',
    detail: detailOf(message),
    // Events do not record the client address; say where the record came from instead.
    client: e.instance ? `event (${e.instance})` : 'event',
    ...(person ? { person } : {}),
  };
}

/** The namespace an entry's target lives in ('' for a cluster-wide one, such as a restart plan). */
export function entryNamespace(target: string): string {
  return target.startsWith('Namespace/') ? target.slice('Namespace/'.length) : (target.split('/')[0] ?? '');
}

const SAME_ACTION_MS = 5_000;

/**
 * Newest first. A ring entry and an Event for the same change (action, target, detail, within a few
 * seconds) are one entry: the ring's, which knows the client.
 */
export function mergeActivity(
  ring: readonly ActivityEntry[],
  events: readonly MeshwatchEventRecord[],
  limit = 200,
): ActivityEntry[] {
  const merged = [...ring];
  for (const e of events) {
    const entry = eventToEntry(e);
    if (!entry) continue;
    const at = Date.parse(entry.at);
    const known = ring.some(
      (r) =>
        !r.dryRun &&
        r.result === 'ok' &&
        r.action === entry.action &&
        r.target === entry.target &&
        r.detail.startsWith(entry.detail.slice(0, 40)) &&
        Math.abs(Date.parse(r.at) - at) <= SAME_ACTION_MS,
    );
    if (!known) merged.push(entry);
  }
  return merged.sort((a, b) => b.at.localeCompare(a.at)).slice(0, limit);
}
