// What a namespace restart will and will not replace. Pods a rollout restart cannot reach are listed,
// each with what to do instead (kubectl rollout restart only rolls Deployments, StatefulSets and
// DaemonSets; paused Deployments are refused; OnDelete pods wait to be deleted; bare pods must be
// deleted and recreated), so a dialog never says "6 pods" when 7 need it.
import { isCounted } from './aggregate.ts';
import { RESTART_FIXES, type NamespaceAnalysis, type PodVerdict, type WorkloadSummary } from './types.ts';

export const EXCLUSION_CODES = [
  'bare_pod',
  'paused',
  'on_delete',
  'no_rollout',
  'job',
  'cronjob',
  'unknown_workload',
] as const;
export type ExclusionCode = (typeof EXCLUSION_CODES)[number];

export interface PlanExclusion {
  code: ExclusionCode;
  kind: string;
  name: string;
  /** The pods left as they are. */
  pods: string[];
  /** What to do instead, in one sentence. */
  action: string;
}

export interface RestartPlanEntry {
  kind: string;
  name: string;
  pods: number;
}

export interface RestartPlan {
  restarts: RestartPlanEntry[];
  exclusions: PlanExclusion[];
  /** Every counted pod a restart would change, replaced or not. */
  podsToFix: number;
}

export function exclusionCode(w: Pick<WorkloadSummary, 'kind' | 'restart'>): ExclusionCode | undefined {
  if (w.restart.restartable) return undefined;
  switch (w.kind) {
    case 'Deployment':
      return 'paused';
    case 'StatefulSet':
    case 'DaemonSet':
      return 'on_delete';
    case 'ReplicaSet':
    case 'ReplicationController':
      return 'no_rollout';
    case 'Job':
      return 'job';
    case 'CronJob':
      return 'cronjob';
  }
}

function needsFix(pod: PodVerdict): boolean {
  return isCounted(pod) && RESTART_FIXES.includes(pod.status);
}

export function restartPlan(analysis: Pick<NamespaceAnalysis, 'workloads' | 'pods'>): RestartPlan {
  const pods = analysis.pods.filter(needsFix);
  const byWorkload = new Map<string, PodVerdict[]>();
  const exclusions: PlanExclusion[] = [];
  for (const pod of pods) {
    if (!pod.workload) {
      exclusions.push({
        code: 'bare_pod',
        kind: 'Pod',
        name: pod.name,
        pods: [pod.name],
        action: pod.fix ?? `Delete pod ${pod.name} and create it again`,
      });
      continue;
    }
    const key = `${pod.workload.kind}/${pod.workload.name}`;
    byWorkload.set(key, [...(byWorkload.get(key) ?? []), pod]);
  }
  const restarts: RestartPlanEntry[] = [];
  for (const [key, mine] of byWorkload) {
    const [kind = '', name = ''] = key.split('/');
    const summary = analysis.workloads.find((w) => w.kind === kind && w.name === name);
    const code = summary ? exclusionCode(summary) : 'unknown_workload';
    if (!code) {
      restarts.push({ kind, name, pods: mine.length });
      continue;
    }
    const action =
      summary?.restart.why && code !== 'paused' && code !== 'on_delete'
        ? summary.restart.why
        : (mine[0]?.fix ?? `Restart ${kind} ${name}`);
    exclusions.push({ code, kind, name, pods: mine.map((p) => p.name), action });
  }
  return { restarts, exclusions, podsToFix: pods.length };
}
