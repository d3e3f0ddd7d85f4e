import 'server-only';
// Workload objects → WorkloadRecord: own metadata, pod template, owner (ReplicaSet → Deployment,
// Job → CronJob), and the rollout facts a restart depends on (paused, update strategy, replicas).
import type {
  V1CronJob,
  V1DaemonSet,
  V1Deployment,
  V1Job,
  V1ObjectMeta,
  V1OwnerReference,
  V1PodTemplateSpec,
  V1ReplicaSet,
  V1StatefulSet,
} from '@kubernetes/client-node';
import type { WorkloadKind, WorkloadRecord } from '@/lib/mesh/types';
import { metaOf, ownerOf, podSpecOf } from './ingest';

interface Parts {
  metadata?: V1ObjectMeta & { ownerReferences?: V1OwnerReference[] };
  template?: V1PodTemplateSpec;
}

function base(kind: WorkloadKind, { metadata, template }: Parts): WorkloadRecord {
  const meta = metaOf(metadata);
  const record: WorkloadRecord = {
    kind,
    namespace: meta.namespace,
    name: meta.name,
    uid: meta.uid,
    createdAt: meta.createdAt,
    labels: meta.labels,
    annotations: meta.annotations,
    template: podSpecOf(template),
  };
  const owner = ownerOf(metadata?.ownerReferences);
  if (owner) record.owner = owner;
  return record;
}

/** Drops undefined fields so records stay as small as the engine's fixtures. */
function withOptional(
  record: WorkloadRecord,
  extra: Pick<WorkloadRecord, 'paused' | 'updateStrategy' | 'replicas'>,
): WorkloadRecord {
  if (extra.paused !== undefined) record.paused = extra.paused;
  if (extra.updateStrategy !== undefined) record.updateStrategy = extra.updateStrategy;
  if (extra.replicas !== undefined) record.replicas = extra.replicas;
  return record;
}

export function fromDeployment(d: V1Deployment): WorkloadRecord {
  return withOptional(base('Deployment', { metadata: d.metadata, template: d.spec?.template }), {
    paused: d.spec?.paused === true,
    updateStrategy: d.spec?.strategy?.type ?? 'RollingUpdate',
    replicas: d.spec?.replicas ?? 1,
  });
}

export function fromStatefulSet(s: V1StatefulSet): WorkloadRecord {
  return withOptional(base('StatefulSet', { metadata: s.metadata, template: s.spec?.template }), {
    updateStrategy: s.spec?.updateStrategy?.type ?? 'RollingUpdate',
    replicas: s.spec?.replicas ?? 1,
  });
}

export function fromDaemonSet(d: V1DaemonSet): WorkloadRecord {
  return withOptional(base('DaemonSet', { metadata: d.metadata, template: d.spec?.template }), {
    updateStrategy: d.spec?.updateStrategy?.type ?? 'RollingUpdate',
  });
}

export function fromReplicaSet(r: V1ReplicaSet): WorkloadRecord {
  return withOptional(base('ReplicaSet', { metadata: r.metadata, template: r.spec?.template }), {
    replicas: r.spec?.replicas ?? 1,
  });
}

export function fromJob(j: V1Job): WorkloadRecord {
  return withOptional(base('Job', { metadata: j.metadata, template: j.spec?.template }), {
    replicas: j.spec?.parallelism,
  });
}

export function fromCronJob(c: V1CronJob): WorkloadRecord {
  return base('CronJob', { metadata: c.metadata, template: c.spec?.jobTemplate?.spec?.template });
}
