import type {
  PodStatus,
  PodVerdict,
  Reason,
  RestartResult,
  RolloutProblem,
  RolloutStateResponse,
  WorkloadKind,
} from '@/lib/api/dto';
import { RESTART_FIXES } from '@/lib/mesh/types';

// Following a rollout restart: which of a workload's pods are new, and whether the new ones have
// settled. Mesh facts (status, meshed, proxyReady, reasons) are the engine's, read from the API.

export interface RolloutTarget {
  kind: WorkloadKind;
  name: string;
  /** Pods the workload had when it was restarted (the server's count). */
  pods: number;
  result: RestartResult['result'];
  why?: string;
}

export interface RolloutWatch {
  id: string;
  namespace: string;
  startedAt: number;
  targets: RolloutTarget[];
  /** UIDs of the namespace's pods just before the restart: any other pod is new. */
  podsBefore: string[];
}

export type RolloutPhase = 'waiting' | 'rolling' | 'settling' | 'stalled' | 'done' | 'skipped' | 'failed';
export type RolloutOutcome = 'meshed' | 'unmeshed-as-configured' | 'not-meshed' | 'still-needs-restart';

export interface TargetProgress {
  kind: WorkloadKind;
  name: string;
  phase: RolloutPhase;
  expected: number;
  oldPods: number;
  newPods: number;
  newRunning: number;
  /** New pods that have a proxy and whose proxy is ready. */
  newProxiesReady: number;
  newMeshed: number;
  outcome?: RolloutOutcome;
  /** Statuses of the new pods, as the engine reports them. */
  statuses: PodStatus[];
  /** Distinct reasons the engine gives for the new pods, when they are not meshed. */
  reasons: Reason[];
  why?: string;
  /** From the server's rollout state: FailedCreate / webhook errors, with what to do. */
  problems: RolloutProblem[];
  /** StatefulSet pods the roll deleted and could not recreate. */
  lostPods: string[];
  stalledForSeconds?: number;
}

function belongsTo(pod: PodVerdict, target: RolloutTarget): boolean {
  return pod.workload?.kind === target.kind && pod.workload.name === target.name;
}

function outcomeOf(pods: PodVerdict[]): RolloutOutcome {
  if (pods.every((pod) => pod.status === 'meshed')) return 'meshed';
  if (pods.some((pod) => RESTART_FIXES.includes(pod.status))) return 'still-needs-restart';
  if (pods.every((pod) => pod.status === 'unmeshed')) return 'unmeshed-as-configured';
  return 'not-meshed';
}

function distinctReasons(pods: PodVerdict[]): Reason[] {
  const seen = new Map<string, Reason>();
  for (const pod of pods)
    for (const reason of pod.reasons) if (!seen.has(reason.code)) seen.set(reason.code, reason);
  return [...seen.values()];
}

export function targetProgress(
  target: RolloutTarget,
  pods: PodVerdict[],
  before: ReadonlySet<string>,
  state?: RolloutStateResponse,
): TargetProgress {
  const progress = podProgress(target, pods, before, state);
  // The server says no progress for its stall time: say so instead of waiting forever.
  if (
    state?.phase === 'stalled' &&
    (progress.phase === 'waiting' || progress.phase === 'rolling' || progress.phase === 'settling')
  )
    return { ...progress, phase: 'stalled', stalledForSeconds: state.stalledForSeconds };
  return progress;
}

function podProgress(
  target: RolloutTarget,
  pods: PodVerdict[],
  before: ReadonlySet<string>,
  state: RolloutStateResponse | undefined,
): TargetProgress {
  const base = {
    kind: target.kind,
    name: target.name,
    expected: target.pods,
    why: target.why,
    problems: state?.problems ?? [],
    lostPods: state?.lostPods ?? [],
  };
  const empty = {
    oldPods: 0,
    newPods: 0,
    newRunning: 0,
    newProxiesReady: 0,
    newMeshed: 0,
    statuses: [],
    reasons: [],
  };
  if (target.result === 'failed') return { ...base, ...empty, phase: 'failed' };
  if (target.result === 'skipped') return { ...base, ...empty, phase: 'skipped' };

  const mine = pods.filter((pod) => belongsTo(pod, target));
  const old = mine.filter((pod) => before.has(pod.uid));
  const fresh = mine.filter((pod) => !before.has(pod.uid) && !pod.deleting);
  const running = fresh.filter((pod) => pod.phase === 'Running');
  const proxiesReady = fresh.filter((pod) => pod.meshed && pod.proxyReady === true);
  const counts = {
    oldPods: old.length,
    newPods: fresh.length,
    newRunning: running.length,
    newProxiesReady: proxiesReady.length,
    newMeshed: fresh.filter((pod) => pod.meshed).length,
    statuses: [...new Set(fresh.map((pod) => pod.status))],
    reasons: distinctReasons(fresh),
  };

  if (target.pods === 0 && old.length === 0) return { ...base, ...counts, phase: 'done', outcome: 'meshed' };
  if (fresh.length === 0) return { ...base, ...counts, phase: 'waiting' };
  const replaced = old.length === 0 && fresh.length >= Math.max(1, target.pods);
  if (!replaced) return { ...base, ...counts, phase: 'rolling' };
  const allRunning = running.length === fresh.length;
  const proxiesSettled = fresh.every((pod) => !pod.meshed || pod.proxyReady === true);
  if (!allRunning || !proxiesSettled) return { ...base, ...counts, phase: 'settling' };
  return { ...base, ...counts, phase: 'done', outcome: outcomeOf(fresh) };
}

/** Stalled counts as finished: the tray stops its clock and says why (it keeps listening for a recovery). */
export function isFinished(progress: TargetProgress): boolean {
  return (
    progress.phase === 'done' ||
    progress.phase === 'failed' ||
    progress.phase === 'skipped' ||
    progress.phase === 'stalled'
  );
}
