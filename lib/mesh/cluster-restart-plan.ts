// The cluster-wide restart plan (#14): every workload whose pods a restart would fix (missing-proxy,
// unwanted-proxy, outdated-proxy) across namespaces, run in waves of at most N workloads; the next wave
// starts only when every rollout of the last one is complete *and* its new pods are what the engine
// expects (no pod of the workload still needs a restart). The first failure stops the plan and says why.
// What a restart cannot reach is listed as skipped with what to do instead: the per-namespace
// exclusions (restart-plan.ts: paused, OnDelete, bare pods, Jobs…) and Linkerd's control plane, which a
// plan never rolls. Kubernetes' own namespaces and hostNetwork pods need no rule here: the injector
// never injects them, so their pods are not-injectable, never restart-fixable.
import { restartPlan, type ExclusionCode } from './restart-plan.ts';
import { isRestartableKind, type RestartableKind } from './restartability.ts';
import { RESTART_FIXES, type NamespaceAnalysis, type PodStatus, type StatusCounts } from './types.ts';

export type PlanSkipCode = ExclusionCode | 'control_plane';

export interface PlanTarget {
  namespace: string;
  kind: RestartableKind;
  name: string;
  /** Counted pods a restart would change, by status. */
  pods: number;
  statuses: Partial<Record<PodStatus, number>>;
}

export interface PlanSkip {
  namespace: string;
  code: PlanSkipCode;
  kind: string;
  name: string;
  pods: number;
  /** What to do instead, in one sentence. */
  action: string;
}

export interface ClusterRestartPlan {
  targets: PlanTarget[];
  skipped: PlanSkip[];
}

export const MAX_WAVE_SIZE = 20;

/** The restart-fixable statuses a workload's pods have, with their counts (zeros left out). */
export function fixableStatuses(counts: StatusCounts): Partial<Record<PodStatus, number>> {
  const out: Partial<Record<PodStatus, number>> = {};
  for (const status of RESTART_FIXES) if (counts[status] > 0) out[status] = counts[status];
  return out;
}

function namespaceSkip(
  analysis: NamespaceAnalysis,
  controlPlaneNamespace: string | undefined,
): { code: PlanSkipCode; action: string } | undefined {
  const name = analysis.namespace.name;
  if (analysis.namespace.isControlPlane || name === controlPlaneNamespace)
    return {
      code: 'control_plane',
      action: `${name} is the Linkerd control plane: roll it on its own (linkerd upgrade, or a deliberate restart), never in a batch — restarting the injector can block pod creation`,
    };
  return undefined;
}

/** The plan over the given namespace analyses, in name order; `only` limits it to some namespaces. */
export function clusterRestartPlan(
  analyses: readonly NamespaceAnalysis[],
  options: { controlPlaneNamespace?: string; only?: ReadonlySet<string> } = {},
): ClusterRestartPlan {
  const targets: PlanTarget[] = [];
  const skipped: PlanSkip[] = [];
  const ordered = [...analyses].sort((a, b) => a.namespace.name.localeCompare(b.namespace.name));
  for (const analysis of ordered) {
    const namespace = analysis.namespace.name;
    if (options.only && !options.only.has(namespace)) continue;
    const plan = restartPlan(analysis);
    if (plan.podsToFix === 0) continue;
    const whole = namespaceSkip(analysis, options.controlPlaneNamespace);
    if (whole) {
      for (const r of plan.restarts)
        skipped.push({ namespace, ...whole, kind: r.kind, name: r.name, pods: r.pods });
      for (const e of plan.exclusions)
        skipped.push({ namespace, ...whole, kind: e.kind, name: e.name, pods: e.pods.length });
      continue;
    }
    for (const e of plan.exclusions)
      skipped.push({
        namespace,
        code: e.code,
        kind: e.kind,
        name: e.name,
        pods: e.pods.length,
        action: e.action,
      });
    for (const r of plan.restarts) {
      const summary = analysis.workloads.find((w) => w.kind === r.kind && w.name === r.name);
      if (!summary || !isRestartableKind(summary.kind)) continue;
      targets.push({
        namespace,
        kind: summary.kind,
        name: summary.name,
        pods: r.pods,
        statuses: fixableStatuses(summary.statusCounts),
      });
    }
  }
  return { targets, skipped };
}

/** Waves of at most `size` targets, in plan order. */
export function planWaves<T>(targets: readonly T[], size: number): T[][] {
  const n = Math.max(1, Math.min(MAX_WAVE_SIZE, Math.floor(size)));
  const waves: T[][] = [];
  for (let i = 0; i < targets.length; i += n) waves.push(targets.slice(i, i + n));
  return waves;
}

export interface TargetCheck {
  /** The rollout follower's phase (rollout.ts judgeRollout). */
  rollout: 'progressing' | 'complete' | 'stalled';
  /** The follower's first problem, as "<message> — <what to do>". */
  problem?: string;
  stalledForSeconds?: number;
  /** Counted pods of the workload that a restart would still change, by status (from the analysis). */
  stillToFix: Partial<Record<PodStatus, number>>;
  /** When the rollout was first seen complete, ms. */
  completeSince?: number;
  now: number;
}

export type TargetJudgement = { state: 'rolling' } | { state: 'done' } | { state: 'failed'; reason: string };

/** How long a complete rollout may show pods that still need a restart before the wave fails (the cache lags the API by a moment). */
export const SETTLE_MS = 8_000;

const STILL: Partial<Record<PodStatus, string>> = {
  'missing-proxy':
    'the injector did not add the proxy: check that it answers (the injector probe in the header) before going on',
  'outdated-proxy':
    'the injector still injects the old proxy version: check the control plane and linkerd-config',
  'unwanted-proxy': 'the injector still adds a proxy: check the namespace and pod template annotations',
};

export function judgeTarget(check: TargetCheck): TargetJudgement {
  if (check.rollout === 'stalled') {
    const why = check.problem ?? `no new pod for ${check.stalledForSeconds ?? '?'} s`;
    return { state: 'failed', reason: `its rollout stalled: ${why}` };
  }
  if (check.rollout !== 'complete') return { state: 'rolling' };
  const left = Object.entries(check.stillToFix).filter(([, n]) => (n ?? 0) > 0) as [PodStatus, number][];
  if (left.length === 0) return { state: 'done' };
  if (check.completeSince === undefined || check.now - check.completeSince < SETTLE_MS)
    return { state: 'rolling' };
  const [status, count] = left[0]!;
  return {
    state: 'failed',
    reason: `its rollout finished but ${count} of its new pods ${count === 1 ? 'is' : 'are'} still ${status}: ${STILL[status] ?? 'look at the pods'}`,
  };
}
