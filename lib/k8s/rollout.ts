import 'server-only';
// The rollout follower's server half: the workload's status and conditions, the events of the workload
// and of the ReplicaSets it rolls (FailedCreate lands on the ReplicaSet for a Deployment, on the
// StatefulSet/DaemonSet itself otherwise), and its pods from the cache. The engine judges them
// (lib/mesh/rollout.ts). Events are fetched on demand, never cached.
import type { V1DaemonSet, V1Deployment, V1StatefulSet } from '@kubernetes/client-node';
import type { RestartableKind } from '@/lib/mesh/restartability';
import { judgeRollout, type RolloutEventRecord, type RolloutJudgement } from '@/lib/mesh';
import type { ClusterSource as ClusterCache } from './source';
import { callOptions, type Clients } from './config';
import { kubeCall } from './errors';
import { isoTime } from './ingest';

const DEFAULT_STALL_SECONDS = 90;

export function stallAfterSeconds(): number {
  const raw = Number(process.env.MESHWATCH_ROLLOUT_STALL_SECONDS);
  return Number.isFinite(raw) && raw >= 1 ? raw : DEFAULT_STALL_SECONDS;
}

export interface RolloutTarget {
  namespace: string;
  kind: RestartableKind;
  name: string;
}

type Workload = V1Deployment | V1StatefulSet | V1DaemonSet;

function read(clients: Clients, t: RolloutTarget): Promise<Workload> {
  const req = { namespace: t.namespace, name: t.name };
  const target = `${t.kind} "${t.name}" in namespace "${t.namespace}"`;
  const opts = callOptions({ timeoutMs: 5_000 });
  if (t.kind === 'Deployment')
    return kubeCall(() => clients.apps.readNamespacedDeployment(req, opts), { target });
  if (t.kind === 'StatefulSet')
    return kubeCall(() => clients.apps.readNamespacedStatefulSet(req, opts), { target });
  return kubeCall(() => clients.apps.readNamespacedDaemonSet(req, opts), { target });
}

function counts(t: RolloutTarget, w: Workload): { desired: number; updated: number; ready: number } {
  if (t.kind === 'DaemonSet') {
    const s = (w as V1DaemonSet).status;
    return {
      desired: s?.desiredNumberScheduled ?? 0,
      updated: s?.updatedNumberScheduled ?? 0,
      ready: s?.numberReady ?? 0,
    };
  }
  const spec = (w as V1Deployment | V1StatefulSet).spec;
  const status = (w as V1Deployment | V1StatefulSet).status;
  return {
    desired: spec?.replicas ?? 1,
    updated: status?.updatedReplicas ?? 0,
    ready: status?.readyReplicas ?? 0,
  };
}

async function eventsOf(
  clients: Clients,
  namespace: string,
  objects: { kind: string; name: string }[],
): Promise<RolloutEventRecord[]> {
  const lists = await Promise.all(
    objects.map((o) =>
      kubeCall(() =>
        clients.core.listNamespacedEvent(
          {
            namespace,
            fieldSelector: `involvedObject.kind=${o.kind},involvedObject.name=${o.name}`,
            limit: 100,
          },
          callOptions({ timeoutMs: 5_000 }),
        ),
      ),
    ),
  );
  return lists
    .flatMap((l) => l.items)
    .map((e) => ({
      reason: e.reason ?? '',
      message: e.message ?? '',
      type: e.type ?? 'Normal',
      count: e.series?.count ?? e.count ?? 1,
      lastSeen: Date.parse(
        isoTime(e.lastTimestamp) ||
          isoTime(e.series?.lastObservedTime) ||
          isoTime(e.eventTime) ||
          isoTime(e.metadata?.creationTimestamp),
      ),
      object: { kind: e.involvedObject.kind ?? '', name: e.involvedObject.name ?? '' },
    }));
}

export interface RolloutView extends RolloutJudgement {
  desired: number;
  updated: number;
  ready: number;
  stallAfterSeconds: number;
}

export async function rolloutState(
  cache: ClusterCache,
  t: RolloutTarget,
  since: number,
): Promise<RolloutView> {
  const clients = cache.clients;
  if (!clients) throw new Error('no cluster connection');
  const workload = await read(clients, t);
  const snapshot = cache.namespaceSnapshot(t.namespace);
  const uid = workload.metadata?.uid;
  // A Deployment's pods are created by its ReplicaSets: their events carry FailedCreate.
  const replicaSets =
    t.kind === 'Deployment'
      ? snapshot.workloads.filter(
          (w) => w.kind === 'ReplicaSet' && w.namespace === t.namespace && w.owner?.uid === uid,
        )
      : [];
  const objects = [
    { kind: t.kind, name: t.name },
    ...replicaSets.map((r) => ({ kind: 'ReplicaSet', name: r.name })),
  ];
  const events = await eventsOf(clients, t.namespace, objects);
  const pods = snapshot.pods.filter(
    (p) =>
      p.namespace === t.namespace &&
      !p.deleting &&
      (p.owner?.uid === uid || replicaSets.some((r) => r.uid === p.owner?.uid)),
  );
  const created = pods.map((p) => Date.parse(p.createdAt)).filter((ms) => ms >= since);
  const c = counts(t, workload);
  const generation = workload.metadata?.generation ?? 0;
  const observed = (workload.status?.observedGeneration ?? 0) >= generation;
  const stall = stallAfterSeconds();
  const judgement = judgeRollout({
    kind: t.kind,
    name: t.name,
    ...c,
    observed,
    conditions: (workload.status?.conditions ?? []).map((x) => ({
      type: x.type,
      status: x.status,
      reason: x.reason,
      message: x.message,
    })),
    events,
    podNames: pods.map((p) => p.name),
    since,
    lastProgressAt: created.length > 0 ? Math.max(...created) : since,
    now: Date.now(),
    stallAfterSeconds: stall,
  });
  return { ...judgement, ...c, stallAfterSeconds: stall };
}
