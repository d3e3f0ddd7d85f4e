// Why a rollout is not progressing, from what the controllers record: their events (FailedCreate with
// the API server's message — e.g. "failed calling webhook … connection refused" when the injector is
// unreachable under failurePolicy Fail) and conditions (Deployment Progressing/ReplicaFailure). A rollout
// with no progress for `stallAfterSeconds` is stalled: it never "waits for the first new pod" forever.
// A StatefulSet rolls by deleting a pod and recreating it: when the recreation is refused, the pod is
// lost until the cause is fixed.
import { isWebhookError } from './probe.ts';

export interface RolloutEventRecord {
  reason: string;
  message: string;
  type: string;
  count: number;
  /** ms since epoch */
  lastSeen: number;
  object: { kind: string; name: string };
}

export interface RolloutConditionRecord {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}

export interface RolloutFacts {
  kind: string;
  name: string;
  desired: number;
  updated: number;
  ready: number;
  /** The controller has seen the latest spec (observedGeneration ≥ generation). */
  observed: boolean;
  conditions: RolloutConditionRecord[];
  events: RolloutEventRecord[];
  /** Names of the workload's pods now. */
  podNames: string[];
  /** When the restart was asked for, and the newest sign of progress since (a new pod), ms. */
  since: number;
  lastProgressAt: number;
  now: number;
  stallAfterSeconds: number;
}

export interface RolloutProblem {
  reason: string;
  message: string;
  object: { kind: string; name: string };
  count: number;
  /** The webhook (the proxy injector) refused or could not be reached. */
  webhook: boolean;
  fix: string;
}

export interface RolloutJudgement {
  phase: 'progressing' | 'complete' | 'stalled';
  problems: RolloutProblem[];
  /** StatefulSet pods that should exist (ordinals below desired) and do not. */
  lostPods: string[];
  /** Seconds without progress, when stalled. */
  stalledForSeconds?: number;
}

/** Controller reasons that mean "a pod could not be created or the rollout cannot go on". */
const PROBLEM_REASONS = new Set(['FailedCreate', 'ProgressDeadlineExceeded', 'FailedDaemonPod']);

export function problemFix(reason: string, message: string): string {
  if (isWebhookError(message))
    return 'The proxy injector did not answer its webhook: bring it back (check the injector pods in the Linkerd namespace); the controller retries by itself, with back-off, so this can take minutes after it answers.';
  if (reason === 'ProgressDeadlineExceeded')
    return 'The Deployment exceeded its progressDeadlineSeconds: look at its new pods (image, scheduling, readiness) for the cause.';
  if (/quota/i.test(message))
    return 'Raise the ResourceQuota or lower the requests; the controller retries by itself.';
  return 'Fix what the API server says above; the controller retries by itself.';
}

function conditionProblems(f: RolloutFacts): RolloutProblem[] {
  const object = { kind: f.kind, name: f.name };
  return f.conditions
    .filter(
      (c) =>
        (c.type === 'Progressing' && c.status === 'False') ||
        (c.type === 'ReplicaFailure' && c.status === 'True'),
    )
    .map((c) => {
      const reason = c.reason ?? c.type;
      const message = c.message ?? '';
      return {
        reason,
        message,
        object,
        count: 1,
        webhook: isWebhookError(message),
        fix: problemFix(reason, message),
      };
    });
}

/** StatefulSet pods are `<name>-<ordinal>`: the missing ordinals below `desired` are lost pods. */
export function lostStatefulSetPods(name: string, desired: number, podNames: readonly string[]): string[] {
  const have = new Set(podNames);
  const lost: string[] = [];
  for (let i = 0; i < desired; i++) if (!have.has(`${name}-${i}`)) lost.push(`${name}-${i}`);
  return lost;
}

export function judgeRollout(f: RolloutFacts): RolloutJudgement {
  const fromEvents = f.events
    .filter((e) => e.lastSeen >= f.since - 1_000 && (PROBLEM_REASONS.has(e.reason) || e.type === 'Warning'))
    .sort((a, b) => b.lastSeen - a.lastSeen)
    .map((e) => ({
      reason: e.reason,
      message: e.message,
      object: e.object,
      count: e.count,
      webhook: isWebhookError(e.message),
      fix: problemFix(e.reason, e.message),
    }));
  const seen = new Set<string>();
  const problems = [...fromEvents, ...conditionProblems(f)].filter((p) => {
    const key = `${p.reason}|${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const lostPods = f.kind === 'StatefulSet' ? lostStatefulSetPods(f.name, f.desired, f.podNames) : [];
  const complete = f.observed && f.updated >= f.desired && f.ready >= f.desired && lostPods.length === 0;
  if (complete) return { phase: 'complete', problems: [], lostPods };
  const idleSeconds = Math.max(0, Math.round((f.now - Math.max(f.since, f.lastProgressAt)) / 1000));
  if (idleSeconds >= f.stallAfterSeconds)
    return { phase: 'stalled', problems, lostPods, stalledForSeconds: idleSeconds };
  return { phase: 'progressing', problems, lostPods };
}
