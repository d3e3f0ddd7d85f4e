import 'server-only';
// Applies one engine-described metadata change (lib/mesh/changes.ts) to a Namespace or a workload: a
// JSON merge patch carrying only the named keys plus the resourceVersion it was computed from. The plan
// is computed from the object as read, so what is patched, audited and shown is always the change
// against the live object. With a caller's resourceVersion (the preview it saw) a moved object is
// refused with 409; without one a conflict re-reads and retries, then answers 409.
import {
  PatchStrategy,
  type V1CronJob,
  type V1DaemonSet,
  type V1Deployment,
  type V1Namespace,
  type V1StatefulSet,
} from '@kubernetes/client-node';
import type { ClientIdentity } from '@/lib/api/client-identity';
import type { ActivityEntry } from '@/lib/api/dto';
import { MeshwatchError } from '@/lib/api/errors';
import {
  API_VERSIONS,
  mergePatch,
  type ChangeTarget,
  type MetadataChange,
  type MetadataEdit,
} from '@/lib/mesh/changes';
import type { LintFixSubject } from '@/lib/mesh/lint-fixes';
import { audit, auditFailures, auditValue } from './audit';
import { CONFLICT_ATTEMPTS, retryOnConflict } from './conflict-retry';
import { callOptions, type Clients } from './config';
import { kubeCall } from './errors';
import { FIELD_MANAGER } from './injection';
import { toNamespaceRecord } from './ingest';
import { fromCronJob, fromDaemonSet, fromDeployment, fromStatefulSet } from './ingest-workloads';

export const LINT_FIXED_REASON = 'MeshwatchLintFixed';

type LiveObject = { metadata?: { resourceVersion?: string; uid?: string } };

export interface ChangePlan {
  change: MetadataChange;
  summary: string;
}

export interface ChangeRequest {
  target: ChangeTarget;
  /** From the live object's record; throws a MeshwatchError when the change does not apply. */
  plan: (subject: LintFixSubject) => ChangePlan;
  resourceVersion?: string;
  dryRun: boolean;
  client: ClientIdentity;
  action: ActivityEntry['action'];
  eventReason: string;
}

export interface ChangeOutcome extends ChangePlan {
  /** Values before the change, one per edit (null = absent). */
  previous: (string | null)[];
  /** The object as the API server returned it from the patch (dry run: as it would be). */
  subject: LintFixSubject;
  resourceVersion: string;
}

function describeTarget(t: ChangeTarget): string {
  return t.kind === 'Namespace'
    ? `Namespace "${t.name}"`
    : `${t.kind} "${t.name}" in namespace "${t.namespace}"`;
}

function subjectOf(t: ChangeTarget, obj: LiveObject): LintFixSubject {
  switch (t.kind) {
    case 'Namespace':
      return { kind: 'Namespace', record: toNamespaceRecord(obj as V1Namespace) };
    case 'Deployment':
      return { kind: 'Workload', record: fromDeployment(obj as V1Deployment) };
    case 'StatefulSet':
      return { kind: 'Workload', record: fromStatefulSet(obj as V1StatefulSet) };
    case 'DaemonSet':
      return { kind: 'Workload', record: fromDaemonSet(obj as V1DaemonSet) };
    case 'CronJob':
      return { kind: 'Workload', record: fromCronJob(obj as V1CronJob) };
  }
}

function read(clients: Clients, t: ChangeTarget): Promise<LiveObject> {
  const opts = callOptions();
  const target = describeTarget(t);
  if (t.kind === 'Namespace')
    return kubeCall(() => clients.core.readNamespace({ name: t.name }, opts), { target });
  const req = { namespace: t.namespace, name: t.name };
  switch (t.kind) {
    case 'Deployment':
      return kubeCall(() => clients.apps.readNamespacedDeployment(req, opts), { target });
    case 'StatefulSet':
      return kubeCall(() => clients.apps.readNamespacedStatefulSet(req, opts), { target });
    case 'DaemonSet':
      return kubeCall(() => clients.apps.readNamespacedDaemonSet(req, opts), { target });
    case 'CronJob':
      return kubeCall(() => clients.batch.readNamespacedCronJob(req, opts), { target });
  }
}

function patch(clients: Clients, t: ChangeTarget, body: object, dryRun: boolean): Promise<LiveObject> {
  const opts = callOptions({ contentType: PatchStrategy.MergePatch });
  const target = describeTarget(t);
  const patchArgs = { body, dryRun: dryRun ? 'All' : undefined, fieldManager: FIELD_MANAGER };
  if (t.kind === 'Namespace')
    return kubeCall(() => clients.core.patchNamespace({ name: t.name, ...patchArgs }, opts), { target });
  const req = { namespace: t.namespace, name: t.name, ...patchArgs };
  switch (t.kind) {
    case 'Deployment':
      return kubeCall(() => clients.apps.patchNamespacedDeployment(req, opts), { target });
    case 'StatefulSet':
      return kubeCall(() => clients.apps.patchNamespacedStatefulSet(req, opts), { target });
    case 'DaemonSet':
      return kubeCall(() => clients.apps.patchNamespacedDaemonSet(req, opts), { target });
    case 'CronJob':
      return kubeCall(() => clients.batch.patchNamespacedCronJob(req, opts), { target });
  }
}

export function currentValue(subject: LintFixSubject, edit: MetadataEdit): string | null {
  const meta =
    subject.kind === 'Namespace' || edit.on === 'object' ? subject.record : subject.record.template;
  return meta[edit.field][edit.key] ?? null;
}

function where(target: ChangeTarget, edit: MetadataEdit): string {
  const scope = edit.on === 'template' && target.kind !== 'Namespace' ? 'template ' : '';
  return `${scope}${edit.field === 'labels' ? 'label' : 'annotation'} ${edit.key}`;
}

export function changeDetail(
  target: ChangeTarget,
  edits: MetadataEdit[],
  previous: (string | null)[],
): string {
  return edits
    .map((e, i) => `${where(target, e)}: ${auditValue(previous[i] ?? null)} → ${auditValue(e.value)}`)
    .join('; ');
}

async function applyOnce(clients: Clients, req: ChangeRequest): Promise<ChangeOutcome> {
  const live = await read(clients, req.target);
  const seen = live.metadata?.resourceVersion ?? '';
  if (req.resourceVersion !== undefined && req.resourceVersion !== seen) {
    throw new MeshwatchError(
      'conflict',
      `${describeTarget(req.target)} changed since the preview (resourceVersion ${req.resourceVersion} → ${seen}): review the change again.`,
    );
  }
  const before = subjectOf(req.target, live);
  if (before.kind === 'Namespace' && before.record.deleting) {
    throw new MeshwatchError(
      'conflict',
      `${describeTarget(req.target)} is being deleted (Terminating): nothing to change.`,
    );
  }
  const plan = req.plan(before);
  const previous = plan.change.edits.map((e) => currentValue(before, e));
  const body = { ...mergePatch(plan.change) } as Record<string, unknown>;
  const metadata = (body.metadata ?? {}) as Record<string, unknown>;
  body.metadata = { ...metadata, resourceVersion: seen };
  const patched = await patch(clients, req.target, body, req.dryRun);
  return {
    ...plan,
    previous,
    subject: subjectOf(req.target, patched),
    resourceVersion: patched.metadata?.resourceVersion ?? seen,
  };
}

/** Applies, audits (log line, activity, and an Event for a real change), and returns what changed. */
export async function applyMetadataChange(clients: Clients, req: ChangeRequest): Promise<ChangeOutcome> {
  const t = req.target;
  const auditTarget = {
    apiVersion: API_VERSIONS[t.kind],
    kind: t.kind,
    namespace: t.kind === 'Namespace' ? t.name : t.namespace,
    name: t.name,
  };
  const auditFields = { action: req.action, dryRun: req.dryRun, client: req.client };
  return auditFailures(clients, { ...auditFields, target: auditTarget }, async () => {
    // A client that sent its own resourceVersion asked for that version: its conflict is final.
    const outcome = await retryOnConflict(
      () => applyOnce(clients, req),
      req.resourceVersion === undefined ? CONFLICT_ATTEMPTS : 1,
    );
    const edits = outcome.change.edits;
    const changed = edits.some((e, i) => (outcome.previous[i] ?? null) !== e.value);
    const detail = `${changeDetail(t, edits, outcome.previous)}${changed ? '' : ' (unchanged)'}`;
    await audit(clients, {
      ...auditFields,
      target: { ...auditTarget, uid: outcome.subject.record.uid },
      result: 'ok',
      detail,
      event: changed ? { reason: req.eventReason, message: `meshwatch set ${detail}` } : undefined,
    });
    return outcome;
  });
}
