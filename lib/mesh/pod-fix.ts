// The one-click fix for a pod, chosen from its verdict: a restart of its workload when a rollout would
// change it (RESTART_FIXES), else opting its namespace in when the only thing missing is the
// annotation. Everything else has no button: the pod panel's reasons say what to change instead.
import { RESTART_FIXES, type PodVerdict, type WorkloadKind } from './types.ts';

export type PodFix =
  | { action: 'restart-workload'; workload: { kind: WorkloadKind; name: string } }
  | { action: 'enable-namespace' };

export function podFix(pod: Pick<PodVerdict, 'status' | 'workload' | 'reasons'>): PodFix | undefined {
  if (RESTART_FIXES.includes(pod.status) && pod.workload) {
    return { action: 'restart-workload', workload: pod.workload };
  }
  if (pod.reasons.some((reason) => reason.code === 'injection_enable_annotation_absent')) {
    return { action: 'enable-namespace' };
  }
  return undefined;
}
