import 'server-only';
// Rollout restarts exactly as `kubectl rollout restart` does them: a strategic merge patch setting
// spec.template.metadata.annotations["kubectl.kubernetes.io/restartedAt"] to the time in RFC 3339,
// refused for a paused Deployment. We add the read resourceVersion as a precondition (re-read and retry
// on conflict) so a Deployment paused in between is never restarted behind the user's back.
//
// Idempotent: a restart already under way (concurrent requests, a second click, another meshwatch) is
// reported to the later callers as "already restarting" instead of rolling the workload again. Three
// layers: concurrent real restarts of one workload in this process share one attempt; the live object
// says when a recent restart's rollout is still running (lib/mesh restartInProgress); and a patch the
// API server applied as a no-op (generation unchanged) is not reported — nor evented — as a restart.
import { PatchStrategy, type V1Deployment } from '@kubernetes/client-node';
import type { ClientIdentity } from '@/lib/api/client-identity';
import type { RestartResponse, RestartResult } from '@/lib/api/dto';
import { isMeshwatchError, MeshwatchError } from '@/lib/api/errors';
import { isRestartableKind, type RestartableKind } from '@/lib/mesh/restartability';
import {
  PAUSED_DEPLOYMENT_MESSAGE,
  needsRestart,
  podsNeedingRestart,
  RESTARTED_AT_ANNOTATION,
  restartInProgress,
  type NamespaceAnalysis,
} from '@/lib/mesh';
import { audit, auditFailures, RESTARTED_REASON } from './audit';
import { retryOnConflict } from './conflict-retry';
import { callOptions, type Clients } from './config';
import { kubeCall } from './errors';
import { FIELD_MANAGER } from './injection';
import {
  alreadyRestarting,
  inFlight,
  rolloutStatusOf,
  type Already,
  type Outcome,
  type Workload,
} from './restart-state';

export interface RestartTarget {
  namespace: string;
  kind: RestartableKind;
  name: string;
}

export interface RestartOptions {
  dryRun: boolean;
  client: ClientIdentity;
  /** How many pods the workload has now (from the cache), reported back. */
  pods: number;
}

/** kubectl formats with Go's time.RFC3339: seconds, no fraction. */
export function restartTimestamp(now = new Date()): string {
  return now.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function read(clients: Clients, t: RestartTarget): Promise<Workload> {
  const req = { namespace: t.namespace, name: t.name };
  const target = `${t.kind} "${t.name}" in namespace "${t.namespace}"`;
  const opts = callOptions();
  if (t.kind === 'Deployment')
    return kubeCall(() => clients.apps.readNamespacedDeployment(req, opts), { target });
  if (t.kind === 'StatefulSet')
    return kubeCall(() => clients.apps.readNamespacedStatefulSet(req, opts), { target });
  return kubeCall(() => clients.apps.readNamespacedDaemonSet(req, opts), { target });
}

function patch(clients: Clients, t: RestartTarget, body: object, dryRun: boolean): Promise<Workload> {
  const req = {
    namespace: t.namespace,
    name: t.name,
    body,
    dryRun: dryRun ? 'All' : undefined,
    fieldManager: FIELD_MANAGER,
  };
  const target = `${t.kind} "${t.name}" in namespace "${t.namespace}"`;
  const opts = callOptions({ contentType: PatchStrategy.StrategicMergePatch });
  if (t.kind === 'Deployment')
    return kubeCall(() => clients.apps.patchNamespacedDeployment(req, opts), { target });
  if (t.kind === 'StatefulSet')
    return kubeCall(() => clients.apps.patchNamespacedStatefulSet(req, opts), { target });
  return kubeCall(() => clients.apps.patchNamespacedDaemonSet(req, opts), { target });
}

/** `first.seen`: the restartedAt this request read on its first attempt. */
async function restartOnce(
  clients: Clients,
  t: RestartTarget,
  dryRun: boolean,
  first: { seen?: string | null },
): Promise<Outcome> {
  const current = await read(clients, t);
  if (t.kind === 'Deployment' && (current as V1Deployment).spec?.paused) {
    throw new MeshwatchError('paused', `Deployment "${t.name}" is paused: ${PAUSED_DEPLOYMENT_MESSAGE}.`);
  }
  const status = rolloutStatusOf(t, current);
  const previous = status.restartedAt ?? null;
  if (first.seen === undefined) first.seen = previous;
  else if (previous && previous !== first.seen)
    return alreadyRestarting(t, previous, 'by another request since this one began');
  const running = restartInProgress(status);
  if (running) return alreadyRestarting(t, running.restartedAt, 'its rollout is still in progress');
  const restartedAt = restartTimestamp();
  const body = {
    metadata: { resourceVersion: current.metadata?.resourceVersion },
    spec: { template: { metadata: { annotations: { [RESTARTED_AT_ANNOTATION]: restartedAt } } } },
  };
  const patched = await patch(clients, t, body, dryRun);
  // Same second as the restart before: the API server kept the object as it was.
  if (!dryRun && patched.metadata?.generation === current.metadata?.generation)
    return alreadyRestarting(t, restartedAt, 'stamped in this same second');
  return {
    kind: 'restarted',
    previous,
    restartedAt,
    uid: patched.metadata?.uid,
    strategy: status.updateStrategy,
  };
}

async function attemptRestart(clients: Clients, t: RestartTarget, dryRun: boolean): Promise<Outcome> {
  // What the first read saw: a restart stamped after it, found on a conflict retry, is someone else's.
  const first: { seen?: string | null } = {};
  return retryOnConflict(() => restartOnce(clients, t, dryRun, first));
}

/** One workload; throws MeshwatchError (404, 403, 409 paused/conflict, 503) when it can't. */
export async function restartWorkload(
  clients: Clients,
  t: RestartTarget,
  opts: RestartOptions,
): Promise<RestartResult> {
  if (opts.dryRun) return restartAndAudit(clients, t, opts);
  const key = `${t.namespace}/${t.kind}/${t.name}`;
  const running = inFlight().get(key);
  if (running) {
    const first = await running.catch(() => undefined);
    // The first one failed (RBAC, outage): this caller tries for itself and hears its own reason.
    if (first?.result !== 'done' || !first.restartedAt) return restartWorkload(clients, t, opts);
    return reportAlready(
      clients,
      t,
      opts,
      alreadyRestarting(t, first.restartedAt, 'by a concurrent request'),
    );
  }
  const attempt = restartAndAudit(clients, t, opts);
  inFlight().set(key, attempt);
  try {
    return await attempt;
  } finally {
    inFlight().delete(key);
  }
}

function auditBase(opts: RestartOptions) {
  return { action: 'restart-workload' as const, dryRun: opts.dryRun, client: opts.client };
}

/** Recorded (log line, activity), never evented: nothing changed. */
async function reportAlready(
  clients: Clients,
  t: RestartTarget,
  opts: RestartOptions,
  outcome: Already,
): Promise<RestartResult> {
  await audit(clients, {
    ...auditBase(opts),
    target: { apiVersion: 'apps/v1', kind: t.kind, namespace: t.namespace, name: t.name },
    result: 'ok',
    detail: outcome.why,
  });
  return {
    ...t,
    result: 'skipped',
    why: outcome.why,
    pods: opts.pods,
    restartedAt: outcome.restartedAt,
    alreadyRestarting: true,
  };
}

async function restartAndAudit(
  clients: Clients,
  t: RestartTarget,
  opts: RestartOptions,
): Promise<RestartResult> {
  const apiVersion = 'apps/v1';
  const auditFields = auditBase(opts);
  const target = { apiVersion, kind: t.kind, namespace: t.namespace, name: t.name };
  return auditFailures(clients, { ...auditFields, target }, async () => {
    const outcome = await attemptRestart(clients, t, opts.dryRun);
    if (outcome.kind === 'already') return await reportAlready(clients, t, opts, outcome);
    const detail = `${RESTARTED_AT_ANNOTATION}: ${outcome.previous ?? '(none)'} → ${outcome.restartedAt}`;
    await audit(clients, {
      ...auditFields,
      target: { ...target, uid: outcome.uid },
      result: 'ok',
      detail,
      old: outcome.previous,
      new: outcome.restartedAt,
      event: { reason: RESTARTED_REASON, message: `meshwatch restarted ${t.kind} ${t.name} (${detail})` },
    });
    const result: RestartResult = { ...t, result: 'done', pods: opts.pods, restartedAt: outcome.restartedAt };
    if (outcome.strategy === 'OnDelete') {
      result.why = `${t.kind} ${t.name} uses the OnDelete update strategy: its template changed, but pods are replaced only when deleted.`;
    }
    return result;
  });
}

/**
 * Restarts only the workloads whose pods are missing-proxy, unwanted-proxy or outdated-proxy, one at a
 * time, and reports each: done, skipped (why) or failed (why). When every attempt failed the same way
 * (RBAC, cluster unreachable) the whole request fails with that error instead.
 */
export async function restartNamespace(
  clients: Clients,
  analysis: NamespaceAnalysis,
  opts: { dryRun: boolean; client: ClientIdentity },
): Promise<RestartResponse> {
  const namespace = analysis.namespace.name;
  const candidates = analysis.workloads.filter((w) => needsRestart(w.statusCounts));
  const results: RestartResult[] = [];
  const failures: MeshwatchError[] = [];
  for (const w of candidates) {
    const pods = podsNeedingRestart(w.statusCounts);
    const ref = { namespace, kind: w.kind, name: w.name };
    if (!w.restart.restartable || !isRestartableKind(w.kind)) {
      results.push({
        ...ref,
        result: 'skipped',
        why: w.restart.why ?? `A ${w.kind} can't be rollout-restarted.`,
        pods,
      });
      continue;
    }
    try {
      results.push(
        await restartWorkload(clients, { namespace, kind: w.kind, name: w.name }, { ...opts, pods }),
      );
    } catch (err) {
      if (!isMeshwatchError(err)) throw err;
      if (err.code === 'paused' || err.code === 'not_found') {
        results.push({ ...ref, result: 'skipped', why: err.message, pods });
      } else {
        failures.push(err);
        results.push({ ...ref, result: 'failed', why: err.message, pods });
      }
    }
  }
  const attempted = results.filter((r) => r.result !== 'skipped').length;
  const first = failures[0];
  if (
    first &&
    failures.length === attempted &&
    failures.every((f) => f.code === first.code) &&
    (first.code === 'forbidden' || first.code === 'unavailable')
  ) {
    throw first;
  }
  const count = (kind: RestartResult['result']) => results.filter((r) => r.result === kind).length;
  await audit(clients, {
    action: 'restart-namespace',
    target: { apiVersion: 'v1', kind: 'Namespace', namespace, name: namespace },
    dryRun: opts.dryRun,
    client: opts.client,
    result: failures.length > 0 ? 'error' : 'ok',
    detail: `${count('done')} done, ${count('skipped')} skipped, ${count('failed')} failed`,
  });
  return { dryRun: opts.dryRun, results };
}
