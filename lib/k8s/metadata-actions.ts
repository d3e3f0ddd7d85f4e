import 'server-only';
// The two metadata-change actions as routes call them: a workload's opt-in/out on its pod template,
// and a lint's fix. Each checks the guard, lets the engine plan from the live object and applies it;
// the outcome is shaped into the answer above (lib/server/metadata-change-response.ts).
import type { ClientIdentity } from '@/lib/api/client-identity';
import { MeshwatchError } from '@/lib/api/errors';
import { INJECT_ANNOTATION, type InjectValue } from '@/lib/mesh/annotations';
import { API_VERSIONS, type ChangeTarget, type TemplateKind } from '@/lib/mesh/changes';
import { lintFix, type FixableLint } from '@/lib/mesh/lint-fixes';
import { workloadInjectionChange } from '@/lib/mesh/workload-injection';
import { INJECTION_CHANGED_REASON } from './audit';
import type { Clients } from './config';
import { guardMetadataChange } from './guard';
import { applyMetadataChange, LINT_FIXED_REASON, type ChangeOutcome } from './metadata-change';
import type { ClusterSource } from './source';

interface ChangeOptions {
  dryRun: boolean;
  force: boolean;
  resourceVersion?: string;
  client: ClientIdentity;
  /** The acting identity's clients: the person's own in `user` mode. */
  clients: Clients;
}

function guardTarget(t: ChangeTarget) {
  const namespace = t.kind === 'Namespace' ? t.name : t.namespace;
  return { apiVersion: API_VERSIONS[t.kind], kind: t.kind, namespace, name: t.name };
}

export async function setWorkloadInjection(
  cache: ClusterSource,
  w: { kind: TemplateKind; namespace: string; name: string },
  value: InjectValue | null,
  opts: ChangeOptions,
): Promise<ChangeOutcome> {
  const target: ChangeTarget = { kind: w.kind, namespace: w.namespace, name: w.name };
  // The same action and Event as a namespace's injection change: the activity list reads them alike.
  const action = 'set-injection' as const;
  const auditFields = { dryRun: opts.dryRun, client: opts.client, action };
  await guardMetadataChange(cache, { ...auditFields, force: opts.force, target: guardTarget(target) });
  const what = value === null ? `Remove ${INJECT_ANNOTATION} from` : `Set ${INJECT_ANNOTATION}: ${value} on`;
  return applyMetadataChange(opts.clients, {
    ...auditFields,
    target,
    resourceVersion: opts.resourceVersion,
    eventReason: INJECTION_CHANGED_REASON,
    plan: () => ({
      change: workloadInjectionChange(w, value),
      summary: `${what} the pod template of ${w.kind} ${w.name}.`,
    }),
  });
}

export async function fixLint(
  cache: ClusterSource,
  target: ChangeTarget,
  code: FixableLint,
  value: InjectValue | undefined,
  opts: ChangeOptions,
): Promise<ChangeOutcome> {
  const action = 'fix-lint' as const;
  const auditFields = { dryRun: opts.dryRun, client: opts.client, action };
  await guardMetadataChange(cache, { ...auditFields, force: opts.force, target: guardTarget(target) });
  return applyMetadataChange(opts.clients, {
    ...auditFields,
    target,
    resourceVersion: opts.resourceVersion,
    eventReason: LINT_FIXED_REASON,
    plan: (subject) => {
      const plan = lintFix(subject, code, value);
      if (plan.applicable) return plan;
      // Needs a value the caller did not send: their input is incomplete. Otherwise the object moved on.
      throw new MeshwatchError(plan.needsValue ? 'invalid_value' : 'conflict', plan.why);
    },
  });
}
