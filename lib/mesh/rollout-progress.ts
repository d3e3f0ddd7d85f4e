// Is a restart already under way? Two restarts of one workload within its rollout only roll it twice
// (every pod replaced again, a second audit trail) and fix nothing the first one would not. "Under way"
// = the template's `kubectl.kubernetes.io/restartedAt` was stamped recently AND the rollout is not
// complete by the same test `kubectl rollout status` uses (kubectl/pkg/polymorphichelpers/rollout_status.go).

/** A restart older than this no longer counts as "the one in progress", whatever the rollout says. */
export const RESTART_IN_PROGRESS_WINDOW_MS = 10 * 60_000;

/** The status fields the rollout test reads; absent numbers count as 0. */
export interface RolloutStatus {
  kind: 'Deployment' | 'StatefulSet' | 'DaemonSet';
  /** spec.template.metadata.annotations[kubectl.kubernetes.io/restartedAt]. */
  restartedAt?: string | null;
  updateStrategy?: string;
  generation?: number;
  observedGeneration?: number;
  /** Deployment/StatefulSet spec.replicas (default 1); DaemonSet status.desiredNumberScheduled. */
  desired?: number;
  /** status.replicas (Deployment: old and new pods together). */
  current?: number;
  /** status.updatedReplicas / updatedNumberScheduled. */
  updated?: number;
  /** status.availableReplicas / numberAvailable; StatefulSet: readyReplicas. */
  available?: number;
}

/** kubectl rollout status's "successfully rolled out". */
export function rolloutComplete(s: RolloutStatus): boolean {
  const n = (v: number | undefined) => v ?? 0;
  if (n(s.observedGeneration) < n(s.generation)) return false;
  const desired = s.desired ?? (s.kind === 'DaemonSet' ? 0 : 1);
  if (n(s.updated) < desired) return false;
  if (s.kind === 'Deployment' && n(s.current) > n(s.updated)) return false; // old pods still running
  return n(s.available) >= desired;
}

/**
 * The restart in progress, or null. OnDelete workloads never roll on their own, so only a restart the
 * controller has not yet observed counts for them.
 */
export function restartInProgress(s: RolloutStatus, now = Date.now()): { restartedAt: string } | null {
  if (!s.restartedAt) return null;
  const at = Date.parse(s.restartedAt);
  if (!Number.isFinite(at) || now - at > RESTART_IN_PROGRESS_WINDOW_MS || at - now > 60_000) return null;
  const inProgress =
    s.updateStrategy === 'OnDelete' ? (s.observedGeneration ?? 0) < (s.generation ?? 0) : !rolloutComplete(s);
  return inProgress ? { restartedAt: s.restartedAt } : null;
}
