// Opting one workload in or out: `linkerd.io/inject` on its pod template (never its own metadata,
// which the injector does not see), and what that change does to the running pods.
import { INJECT_ANNOTATION, type InjectValue } from './annotations.ts';
import { isTemplateKind, type MetadataChange, type TemplateKind } from './changes.ts';
import type { WorkloadRecord } from './types.ts';

export function workloadInjectionChange(
  w: { kind: TemplateKind; namespace: string; name: string },
  value: InjectValue | null,
): MetadataChange {
  return {
    target: { kind: w.kind, namespace: w.namespace, name: w.name },
    edits: [{ on: 'template', field: 'annotations', key: INJECT_ANNOTATION, value }],
  };
}

export type TemplateChangeEffect = 'rolls-now' | 'no-rollout' | 'future-jobs' | 'nothing';

export interface TemplateChangeConsequence {
  effect: TemplateChangeEffect;
  sentence: string;
}

/**
 * What editing a workload's pod template does to its pods. Mirrors the controllers: a Deployment
 * rolls on any template change unless paused; a StatefulSet or DaemonSet rolls unless its update
 * strategy is OnDelete; a CronJob's template is read only when it creates the next Job.
 */
export function templateChangeConsequence(w: WorkloadRecord, changes: boolean): TemplateChangeConsequence {
  const name = `${w.kind} ${w.name}`;
  if (!changes)
    return { effect: 'nothing', sentence: `The pod template of ${name} already says so: nothing changes.` };
  if (!isTemplateKind(w.kind)) {
    return {
      effect: 'no-rollout',
      sentence: `A ${w.kind}'s pods are not replaced when its template changes: recreate them to apply it.`,
    };
  }
  if (w.kind === 'CronJob') {
    return {
      effect: 'future-jobs',
      sentence: `Only Jobs that ${name} starts from now on get the change; running Jobs keep their pods as they are.`,
    };
  }
  if (w.kind === 'Deployment' && w.paused) {
    return {
      effect: 'no-rollout',
      sentence: `${name} is paused: its template changes now, but no pod is replaced until it is resumed (kubectl rollout resume deployment/${w.name} -n ${w.namespace}).`,
    };
  }
  if (w.kind !== 'Deployment' && w.updateStrategy === 'OnDelete') {
    return {
      effect: 'no-rollout',
      sentence: `${name} uses the OnDelete update strategy: its template changes now, but each pod keeps its current state until you delete it.`,
    };
  }
  if (w.replicas === 0) {
    return {
      effect: 'no-rollout',
      sentence: `${name} has 0 replicas: its template changes now, and pods get it when it is scaled up.`,
    };
  }
  return {
    effect: 'rolls-now',
    sentence: `Changing the pod template rolls ${name} now: its pods are replaced by the rollout, as on a restart.`,
  };
}
