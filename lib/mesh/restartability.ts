// Can `kubectl rollout restart` fix a workload, and what should the user do instead when not.
// Mirrors kubectl's rollout restart: it patches spec.template's `kubectl.kubernetes.io/restartedAt`,
// which only Deployments, StatefulSets and DaemonSets roll out.
import type { OwnerRef, PodRecord, Restartability, WorkloadKind, WorkloadRecord } from './types.ts';
import type { WorkloadRef } from './owners.ts';

/** The kinds `kubectl rollout restart` rolls out. */
export const RESTARTABLE_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet'] as const;
export type RestartableKind = (typeof RESTARTABLE_KINDS)[number];

export function isRestartableKind(kind: string): kind is RestartableKind {
  return (RESTARTABLE_KINDS as readonly string[]).includes(kind);
}

/** kubectl's own refusal, word for word. */
export const PAUSED_DEPLOYMENT_MESSAGE = "can't restart paused deployment (run rollout resume first)";

function onDelete(w: WorkloadRecord): boolean {
  return (w.kind === 'StatefulSet' || w.kind === 'DaemonSet') && w.updateStrategy === 'OnDelete';
}

export function restartability(w: WorkloadRecord): Restartability {
  switch (w.kind) {
    case 'Deployment':
      return w.paused ? { restartable: false, why: PAUSED_DEPLOYMENT_MESSAGE } : { restartable: true };
    case 'StatefulSet':
    case 'DaemonSet':
      if (onDelete(w)) {
        return {
          restartable: false,
          why: `${w.kind} ${w.name} uses the OnDelete update strategy: a restart only changes its template, pods are replaced when deleted; delete its pods instead`,
        };
      }
      return { restartable: true };
    case 'ReplicaSet':
    case 'ReplicationController':
      return {
        restartable: false,
        why: `A ${w.kind} has no rollout: delete its pods and ${w.kind} ${w.name} recreates them`,
      };
    case 'Job':
      return {
        restartable: false,
        why: `A Job's pods can't be restarted: delete Job ${w.name} and create it again`,
      };
    case 'CronJob':
      return {
        restartable: false,
        why: `CronJob ${w.name} can't be restarted: its next run is injected by itself, from the current job template`,
      };
  }
}

/** Who acts for a pod: its workload (record known or not), a foreign owner, or nobody (bare pod). */
export interface RestartTarget {
  /** The pod in question; only needed when it has no workload. */
  pod?: Pick<PodRecord, 'name'>;
  ref?: WorkloadRef;
  workload?: WorkloadRecord;
  foreignOwner?: OwnerRef;
}

/**
 * One sentence: what to do so the pod matches what it should be, `goal` being e.g. "inject the proxy".
 * Follows restartability(): a paused Deployment is resumed first, OnDelete pods are deleted, etc.
 */
export function restartAction(target: RestartTarget, goal: string): string {
  const { ref, workload, foreignOwner } = target;
  if (!ref) {
    const pod = target.pod ? `pod ${target.pod.name}` : 'the pod';
    if (foreignOwner) {
      return `Restart ${foreignOwner.kind} ${foreignOwner.name} (the owner of ${pod}) or delete the pod to ${goal}`;
    }
    return `Delete ${pod} and create it again to ${goal}`;
  }
  const kind: WorkloadKind = ref.kind;
  const name = `${kind} ${ref.name}`;
  if (kind === 'Deployment' && workload?.paused) {
    return `Resume ${name} (kubectl rollout resume), then restart it to ${goal}`;
  }
  if (workload && onDelete(workload))
    return `Delete the pods of ${name} (update strategy OnDelete) to ${goal}`;
  switch (kind) {
    case 'Deployment':
    case 'StatefulSet':
    case 'DaemonSet':
      return `Restart ${name} to ${goal}`;
    case 'ReplicaSet':
    case 'ReplicationController':
      return `Delete the pods of ${name} so it recreates them, to ${goal}`;
    case 'Job':
      return `Delete ${name} and create it again to ${goal}`;
    case 'CronJob':
      return `Wait for the next run of ${name}, or recreate its current Job, to ${goal}`;
  }
}
