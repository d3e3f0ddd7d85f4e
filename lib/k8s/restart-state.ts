import 'server-only';
// The pieces that make restarts idempotent (see restart.ts): what the live object says about the
// rollout, the "already restarting" outcome, and this process's restarts in flight.
import type { V1DaemonSet, V1Deployment, V1StatefulSet } from '@kubernetes/client-node';
import type { RestartResult } from '@/lib/api/dto';
import type { RestartableKind } from '@/lib/mesh/restartability';
import { RESTARTED_AT_ANNOTATION, type RolloutStatus } from '@/lib/mesh';

export type Workload = V1Deployment | V1StatefulSet | V1DaemonSet;

interface Target {
  namespace: string;
  kind: RestartableKind;
  name: string;
}

export function updateStrategyOf(t: Target, w: Workload): string | undefined {
  if (t.kind === 'Deployment') return undefined;
  return (w as V1StatefulSet | V1DaemonSet).spec?.updateStrategy?.type;
}

export function rolloutStatusOf(t: Target, w: Workload): RolloutStatus {
  const observed = {
    kind: t.kind,
    restartedAt: w.spec?.template?.metadata?.annotations?.[RESTARTED_AT_ANNOTATION] ?? null,
    updateStrategy: updateStrategyOf(t, w),
    generation: w.metadata?.generation,
    observedGeneration: w.status?.observedGeneration,
  };
  if (t.kind === 'DaemonSet') {
    const s = (w as V1DaemonSet).status;
    return {
      ...observed,
      desired: s?.desiredNumberScheduled,
      updated: s?.updatedNumberScheduled,
      available: s?.numberAvailable,
    };
  }
  if (t.kind === 'StatefulSet') {
    const { spec, status } = w as V1StatefulSet;
    return {
      ...observed,
      desired: spec?.replicas ?? 1,
      updated: status?.updatedReplicas,
      available: status?.readyReplicas,
    };
  }
  const { spec, status } = w as V1Deployment;
  return {
    ...observed,
    desired: spec?.replicas ?? 1,
    current: status?.replicas,
    updated: status?.updatedReplicas,
    available: status?.availableReplicas,
  };
}

export type Outcome =
  | { kind: 'restarted'; previous: string | null; restartedAt: string; uid?: string; strategy?: string }
  | { kind: 'already'; restartedAt: string; why: string };
export type Already = Extract<Outcome, { kind: 'already' }>;

export function alreadyRestarting(t: Target, restartedAt: string, why: string): Already {
  return {
    kind: 'already',
    restartedAt,
    why: `${t.kind} ${t.name} is already restarting (restartedAt ${restartedAt}, ${why}); not restarted again.`,
  };
}

const IN_FLIGHT_KEY = Symbol.for('meshwatch.restarts-in-flight');

/** Real restarts running in this process, by workload; on globalThis so every route bundle shares it. */
export function inFlight(): Map<string, Promise<RestartResult>> {
  const holder = globalThis as Record<symbol, Map<string, Promise<RestartResult>> | undefined>;
  return (holder[IN_FLIGHT_KEY] ??= new Map());
}
