// Owner resolution: which workload a restart acts on for a pod, and which pod template the
// recreated pod would come from (the CURRENT one, not the template the pod was created from).
import type {
  ClusterSnapshot,
  NamespaceRecord,
  OwnerRef,
  PodRecord,
  WorkloadKind,
  WorkloadRecord,
} from './types.ts';
import { WORKLOAD_KINDS } from './inputs.ts';

export interface SnapshotIndex {
  namespaces: Map<string, NamespaceRecord>;
  workloadsByUid: Map<string, WorkloadRecord>;
  /** Fallback when an ownerReference's uid is stale: `namespace/kind/name`. */
  workloadsByName: Map<string, WorkloadRecord>;
  /** Resolutions shared by every pod of one controller, filled as pods are resolved. */
  resolutions: Map<WorkloadRecord, OwnerResolution>;
}

export interface WorkloadRef {
  kind: WorkloadKind;
  name: string;
}

const FOLLOWED_KINDS: ReadonlySet<string> = new Set<WorkloadKind>(WORKLOAD_KINDS);

/** The controller that creates these kinds when they have one: a restart goes through it. */
const PARENT_KIND: Partial<Record<WorkloadKind, WorkloadKind>> = { ReplicaSet: 'Deployment', Job: 'CronJob' };

export function isWorkloadKind(kind: string): kind is WorkloadKind {
  return FOLLOWED_KINDS.has(kind);
}

export function workloadKey(namespace: string, kind: string, name: string): string {
  return `${namespace}/${kind}/${name}`;
}

/** One pass over the snapshot; `namespace` limits the index to one namespace (analyzeNamespace, explainPod). */
export function indexSnapshot(snapshot: ClusterSnapshot, namespace?: string): SnapshotIndex {
  const index: SnapshotIndex = {
    namespaces: new Map(),
    workloadsByUid: new Map(),
    workloadsByName: new Map(),
    resolutions: new Map(),
  };
  for (const ns of snapshot.namespaces) {
    if (namespace === undefined || ns.name === namespace) index.namespaces.set(ns.name, ns);
  }
  for (const w of snapshot.workloads) {
    if (namespace !== undefined && w.namespace !== namespace) continue;
    index.workloadsByUid.set(w.uid, w);
    index.workloadsByName.set(workloadKey(w.namespace, w.kind, w.name), w);
  }
  return index;
}

/** Owner references never cross namespaces; match by uid, else by kind and name. */
function findOwner(index: SnapshotIndex, namespace: string, ref: OwnerRef): WorkloadRecord | undefined {
  const byUid = index.workloadsByUid.get(ref.uid);
  if (byUid && byUid.namespace === namespace && byUid.kind === ref.kind) return byUid;
  return index.workloadsByName.get(workloadKey(namespace, ref.kind, ref.name));
}

/** A ReplicaSet owned by a Deployment, or a Job owned by a CronJob, is not a workload users think of. */
export function isTopLevel(workload: WorkloadRecord): boolean {
  const parent = PARENT_KIND[workload.kind];
  return parent === undefined || workload.owner?.kind !== parent;
}

export interface TopLevel {
  ref: WorkloadRef;
  /** The record, when the snapshot has it. */
  workload?: WorkloadRecord;
  /** The record whose template a restart would use: the top-level one, else the child we do have. */
  templateOwner: WorkloadRecord;
}

export function topLevelOf(workload: WorkloadRecord, index: SnapshotIndex): TopLevel {
  if (isTopLevel(workload) || !workload.owner) {
    return { ref: { kind: workload.kind, name: workload.name }, workload, templateOwner: workload };
  }
  const parentKind = PARENT_KIND[workload.kind] ?? workload.kind;
  const parent = findOwner(index, workload.namespace, workload.owner);
  if (parent)
    return { ref: { kind: parent.kind, name: parent.name }, workload: parent, templateOwner: parent };
  // The Deployment (CronJob) is gone from the snapshot: restart targets it by name; its child's template is the best we have.
  return { ref: { kind: parentKind, name: workload.owner.name }, templateOwner: workload };
}

export interface OwnerResolution {
  /** The workload a restart acts on (Deployment for a ReplicaSet's pod, CronJob for a Job's). */
  ref?: WorkloadRef;
  workload?: WorkloadRecord;
  /** Whose template a recreated pod comes from; undefined = the pod itself. */
  templateOwner?: WorkloadRecord;
  /** The pod's own controller, when the snapshot has it. */
  direct?: WorkloadRecord;
  /** The owner, when it is not a kind meshwatch reads (a Node for mirror pods, a custom controller). */
  foreignOwner?: OwnerRef;
}

const BARE: OwnerResolution = Object.freeze({});

/**
 * Runs for every pod on every analysis, so: no strings (the trace words come from describeOwnerChain
 * and describeTemplateSource), and one shared resolution object per controller.
 */
export function resolveOwner(pod: PodRecord, index: SnapshotIndex): OwnerResolution {
  const ref = pod.owner;
  if (!ref) return BARE;
  if (!isWorkloadKind(ref.kind)) return { foreignOwner: ref };
  const direct = findOwner(index, pod.namespace, ref);
  if (!direct) return { ref: { kind: ref.kind, name: ref.name } };
  let resolution = index.resolutions.get(direct);
  if (!resolution) {
    const top = topLevelOf(direct, index);
    resolution = { ref: top.ref, workload: top.workload, templateOwner: top.templateOwner, direct };
    index.resolutions.set(direct, resolution);
  }
  return resolution;
}

/** How traces name a workload's template. */
export function templateName(w: WorkloadRecord): string {
  return w.kind === 'CronJob'
    ? `the job template of CronJob ${w.name}`
    : `the current template of ${w.kind} ${w.name}`;
}

/** For the trace: the owner chain, e.g. "ReplicaSet web-5d8f → Deployment web". */
export function describeOwnerChain(pod: PodRecord, r: OwnerResolution): string {
  if (!pod.owner) return 'none (a bare pod)';
  if (r.foreignOwner) return `${r.foreignOwner.kind} ${r.foreignOwner.name}`;
  if (!r.direct) return `${pod.owner.kind} ${pod.owner.name} (not in the snapshot)`;
  const { direct, ref } = r;
  if (!ref || (ref.kind === direct.kind && ref.name === direct.name)) return `${direct.kind} ${direct.name}`;
  return `${direct.kind} ${direct.name} → ${ref.kind} ${ref.name}${r.workload ? '' : ' (not in the snapshot)'}`;
}

/** For the trace: where the evaluated template comes from. */
export function describeTemplateSource(pod: PodRecord, r: OwnerResolution): string {
  if (r.templateOwner) return templateName(r.templateOwner);
  const itself = `pod ${pod.name} itself`;
  if (!pod.owner) return `${itself} (a bare pod)`;
  if (r.foreignOwner)
    return `${itself} (its owner ${r.foreignOwner.kind} ${r.foreignOwner.name} is not a workload kind meshwatch reads)`;
  return `${itself} (its ${pod.owner.kind} ${pod.owner.name} is not in the snapshot)`;
}
