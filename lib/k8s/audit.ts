import 'server-only';
// Every meshwatch action leaves three traces: a structured JSON log line, an entry in the in-memory
// activity ring (GET /api/v1/activity), and — for real (not dry-run) successful changes — a Kubernetes
// Event on the target, so `kubectl describe` and `kubectl get events` show who changed what.
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { ClientIdentity } from '@/lib/api/client-identity';
import { messageBy } from '@/lib/api/activity';
import type { ActivityEntry } from '@/lib/api/dto';
import { markAudited } from '@/lib/api/errors';
import { callOptions, type Clients } from './config';
import { toMeshwatchError } from './errors';
import { countAction } from './metrics';

export const INJECTION_CHANGED_REASON = 'MeshwatchInjectionChanged';
export const RESTARTED_REASON = 'MeshwatchRestarted';
const RING_SIZE = 200;

export interface AuditTarget {
  apiVersion: string;
  kind: string;
  namespace: string;
  name: string;
  uid?: string;
}

export interface AuditRecord {
  action: ActivityEntry['action'];
  target: AuditTarget;
  dryRun: boolean;
  result: ActivityEntry['result'];
  detail: string;
  client: ClientIdentity;
  old?: string | null;
  new?: string | null;
  /** Set for a real change that deserves a Kubernetes Event. */
  event?: { reason: string; message: string };
}

interface Ring {
  entries: ActivityEntry[];
}
const RING_KEY = Symbol.for('meshwatch.activity');

function ring(): Ring {
  return ((globalThis as Record<symbol, Ring | undefined>)[RING_KEY] ??= { entries: [] });
}

/** Newest first. */
export function recentActivity(): ActivityEntry[] {
  return [...ring().entries];
}

function targetName(t: AuditTarget): string {
  return t.kind === 'Namespace' ? `Namespace/${t.name}` : `${t.namespace}/${t.kind}/${t.name}`;
}

/**
 * Runs an action; when it throws, writes the action's 'error' line (the error's message as the detail)
 * and rethrows the error marked audited, so the route does not log it again. Success lines are the
 * action's own: only it knows what changed.
 */
export async function auditFailures<T>(
  clients: Clients | null,
  record: Omit<AuditRecord, 'result' | 'detail'>,
  act: () => Promise<T>,
): Promise<T> {
  try {
    return await act();
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    await audit(clients, { ...record, result: 'error', detail });
    throw markAudited(err);
  }
}

/** An annotation or label value as audit lines and Events print it: quoted, or (none). */
export function auditValue(value: string | null): string {
  return value === null ? '(none)' : JSON.stringify(value);
}

export async function audit(clients: Clients | null, record: AuditRecord): Promise<void> {
  const at = new Date();
  const entry: ActivityEntry = {
    id: randomUUID(),
    at: at.toISOString(),
    action: record.action,
    target: targetName(record.target),
    dryRun: record.dryRun,
    result: record.result,
    detail: record.detail,
    client: record.client.client,
  };
  if (record.client.user) entry.user = record.client.user;
  if (record.client.person) {
    entry.person = record.client.person.username;
    entry.groups = record.client.person.groups;
  }
  const entries = ring().entries;
  entries.unshift(entry);
  countAction(entry);
  entries.length = Math.min(entries.length, RING_SIZE);

  let eventError: string | undefined;
  if (record.event && !record.dryRun && record.result === 'ok' && clients) {
    const message = messageBy(record.event.message, record.client.person?.username);
    eventError = await writeEvent(clients, record.target, { ...record.event, message }, at);
  }
  const line: Record<string, unknown> = {
    level: record.result === 'ok' ? 'info' : 'warn',
    msg: 'meshwatch action',
    at: entry.at,
    action: record.action,
    target: entry.target,
    dryRun: record.dryRun,
    result: record.result,
    detail: record.detail,
    ...record.client,
  };
  if (record.old !== undefined) line.old = record.old;
  if (record.new !== undefined) line.new = record.new;
  if (eventError) line.eventError = eventError;
  console.log(JSON.stringify(line));
}

/** Best effort: a missing Event must not turn a done change into a failure; the log line says why. */
async function writeEvent(
  clients: Clients,
  target: AuditTarget,
  event: { reason: string; message: string },
  at: Date,
): Promise<string | undefined> {
  try {
    await clients.core.createNamespacedEvent(
      {
        namespace: target.namespace,
        body: {
          metadata: { generateName: `${target.name}.meshwatch-`, namespace: target.namespace },
          // For a Namespace the event lives in that namespace, so `kubectl get events -n X` shows it.
          involvedObject: {
            apiVersion: target.apiVersion,
            kind: target.kind,
            name: target.name,
            namespace: target.namespace,
            uid: target.uid,
          },
          reason: event.reason,
          message: event.message,
          type: 'Normal',
          source: { component: 'meshwatch' },
          reportingComponent: 'meshwatch',
          reportingInstance: hostname(),
          firstTimestamp: at,
          lastTimestamp: at,
          count: 1,
        },
      },
      callOptions({ timeoutMs: 5_000 }),
    );
    return undefined;
  } catch (err) {
    return toMeshwatchError(err).message;
  }
}
