import 'server-only';
import type { NamespaceRecord } from '@/lib/mesh/types';
// Set or remove a namespace's `linkerd.io/inject` annotation with a JSON merge patch that carries only
// that annotation plus the resourceVersion it was computed from (a precondition, so the audit's
// old → new is exact; a concurrent writer makes us re-read and retry, then answer 409).
import { PatchStrategy, type V1Namespace } from '@kubernetes/client-node';
import type { ClientIdentity } from '@/lib/api/client-identity';
import type { InjectValue } from '@/lib/api/dto';
import { MeshwatchError } from '@/lib/api/errors';
import { INJECT_ANNOTATION } from '@/lib/mesh/annotations';
import { audit, auditFailures, auditValue, INJECTION_CHANGED_REASON } from './audit';
import { retryOnConflict } from './conflict-retry';
import { toNamespaceRecord } from './ingest';
import { callOptions, type Clients } from './config';
import { kubeCall } from './errors';

export const FIELD_MANAGER = 'meshwatch';

export interface InjectionChange {
  namespace: string;
  value: InjectValue | null;
  dryRun: boolean;
  client: ClientIdentity;
}

/** What the action hands back: engine records, never client-node objects. */
export interface InjectionOutcome {
  previousValue: string | null;
  /** The namespace as the API server returned it from the patch (dry-run: as it would be). */
  patched: NamespaceRecord;
}

async function patchOnce(
  clients: Clients,
  change: InjectionChange,
): Promise<{ previousValue: string | null; patched: V1Namespace }> {
  const target = `Namespace "${change.namespace}"`;
  const current = await kubeCall(
    () => clients.core.readNamespace({ name: change.namespace }, callOptions()),
    { target },
  );
  // A namespace being deleted takes new pods no more (the API server refuses them), so an injection
  // change there can only mislead; the API server itself would still accept the patch.
  if (current.metadata?.deletionTimestamp || current.status?.phase === 'Terminating') {
    throw new MeshwatchError(
      'conflict',
      `Namespace "${change.namespace}" is being deleted (Terminating): its injection setting can no longer change anything.`,
    );
  }
  const previousValue = current.metadata?.annotations?.[INJECT_ANNOTATION] ?? null;
  const patched = await kubeCall(
    () =>
      clients.core.patchNamespace(
        {
          name: change.namespace,
          body: {
            metadata: {
              resourceVersion: current.metadata?.resourceVersion,
              annotations: { [INJECT_ANNOTATION]: change.value },
            },
          },
          dryRun: change.dryRun ? 'All' : undefined,
          fieldManager: FIELD_MANAGER,
        },
        callOptions({ contentType: PatchStrategy.MergePatch }),
      ),
    { target },
  );
  return { previousValue, patched };
}

export async function setNamespaceInjection(
  clients: Clients,
  change: InjectionChange,
): Promise<InjectionOutcome> {
  const auditFields = {
    action: 'set-injection' as const,
    target: { apiVersion: 'v1', kind: 'Namespace', namespace: change.namespace, name: change.namespace },
    dryRun: change.dryRun,
    client: change.client,
    new: change.value,
  };
  return auditFailures(clients, auditFields, async () => {
    const outcome = await retryOnConflict(() => patchOnce(clients, change));
    const { previousValue, patched } = outcome;
    const changed = previousValue !== change.value;
    const detail = `${INJECT_ANNOTATION}: ${auditValue(previousValue)} → ${auditValue(change.value)}${changed ? '' : ' (unchanged)'}`;
    await audit(clients, {
      ...auditFields,
      target: { ...auditFields.target, uid: patched.metadata?.uid },
      result: 'ok',
      detail,
      old: previousValue,
      event: changed ? { reason: INJECTION_CHANGED_REASON, message: `meshwatch set ${detail}` } : undefined,
    });
    return { previousValue, patched: toNamespaceRecord(patched) };
  });
}
