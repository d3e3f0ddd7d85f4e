// Rolls pod verdicts up into the workloads users think of (Deployment, StatefulSet, DaemonSet,
// CronJob, and standalone Job / ReplicaSet / ReplicationController), namespaces and the cluster.
import { rulesMatchPodCreate } from './webhook-rules.ts';
import { INJECT_ANNOTATION } from './annotations.ts';
import {
  addToTally,
  compareStrings,
  emptyTally,
  mergeTally,
  needsRestart,
  sortedVersions,
  type Tally,
} from './aggregate.ts';
import { namespaceLabels } from './decision.ts';
import { gitOpsManager } from './gitops.ts';
import { barePodLints, namespaceLints, restartLint, workloadLints } from './lints.ts';
import { isTopLevel } from './owners.ts';
import { restartability } from './restartability.ts';
import { matchesSelector } from './selector.ts';
import { evaluateTemplate, namespaceFacts, type EngineContext, type PodJudgement } from './pod-verdict.ts';
import type {
  ClusterAnalysis,
  ClusterSummary,
  Lint,
  NamespaceRecord,
  NamespaceSummary,
  PodVerdict,
  WorkloadRecord,
  WorkloadSummary,
} from './types.ts';

interface NamespaceAcc {
  name: string;
  record?: NamespaceRecord;
  tally: Tally;
  lints: Lint[];
  workloadLints: Record<Lint['severity'], number>;
  workloadsNeedingRestart: number;
}

function workloadSummary(ctx: EngineContext, w: WorkloadRecord, tally: Tally): WorkloadSummary {
  const restart = restartability(w);
  const target = { kind: w.kind, namespace: w.namespace, name: w.name };
  const lints = workloadLints(w);
  const restartRequired = restartLint(target, tally.statusCounts, {
    ref: { kind: w.kind, name: w.name },
    workload: w,
  });
  if (restartRequired) lints.push(restartRequired);
  const summary: WorkloadSummary = {
    kind: w.kind,
    namespace: w.namespace,
    name: w.name,
    pods: tally.pods,
    meshed: tally.meshed,
    failed: tally.failed,
    statusCounts: tally.statusCounts,
    template: evaluateTemplate(ctx, w).decision,
    restart,
    needsRestart: needsRestart(tally.statusCounts),
    lints,
  };
  const templateValue = w.template.annotations[INJECT_ANNOTATION];
  if (templateValue !== undefined) summary.templateInjectValue = templateValue;
  const gitOps = gitOpsManager(w);
  if (gitOps) summary.gitOps = gitOps;
  if (w.template.hostNetwork) summary.hostNetwork = true;
  return summary;
}

function namespaceSummary(ctx: EngineContext, acc: NamespaceAcc): NamespaceSummary {
  const facts = namespaceFacts(ctx, acc.name);
  const value = acc.record?.annotations[INJECT_ANNOTATION];
  const summary: NamespaceSummary = {
    name: acc.name,
    injectValue: value,
    injectAnnotationSetAt: acc.record?.injectAnnotationSetAt,
    // Never called for this namespace: its namespaceSelector leaves it out, or the rules miss pod CREATE.
    webhookExcluded:
      ctx.webhook !== null &&
      (!matchesSelector(ctx.webhook.namespaceSelector, namespaceLabels(facts)) ||
        !rulesMatchPodCreate(ctx.webhook.rules)),
    isControlPlane: ctx.controlPlane?.namespace === acc.name,
    pods: acc.tally.pods,
    meshed: acc.tally.meshed,
    failed: acc.tally.failed,
    statusCounts: acc.tally.statusCounts,
    workloadsNeedingRestart: acc.workloadsNeedingRestart,
    proxyVersions: sortedVersions(acc.tally.proxyVersions),
    lints: acc.lints,
    workloadLints: acc.workloadLints,
  };
  const gitOps = acc.record && gitOpsManager(acc.record);
  if (gitOps) summary.gitOps = gitOps;
  return summary;
}

function byName(a: { name: string }, b: { name: string }): number {
  return compareStrings(a.name, b.name);
}

function byNamespaceAndName(
  a: { namespace: string; name: string },
  b: { namespace: string; name: string },
): number {
  return compareStrings(a.namespace, b.namespace) || compareStrings(a.name, b.name);
}

/** Everything from the judged pods; `ctx.index` decides which namespaces and workloads are in scope. */
export function summarise(ctx: EngineContext, judgements: PodJudgement[]): ClusterAnalysis {
  const namespaces = new Map<string, NamespaceAcc>();
  const nsAcc = (name: string): NamespaceAcc => {
    let acc = namespaces.get(name);
    if (!acc) {
      acc = {
        name,
        record: ctx.index.namespaces.get(name),
        tally: emptyTally(),
        lints: [],
        workloadLints: { error: 0, warning: 0, info: 0 },
        workloadsNeedingRestart: 0,
      };
      if (acc.record) acc.lints.push(...namespaceLints(acc.record));
      namespaces.set(name, acc);
    }
    return acc;
  };
  for (const name of ctx.index.namespaces.keys()) nsAcc(name);

  // Keyed by the record itself: no per-pod key strings.
  const workloads = new Map<WorkloadRecord, Tally>();
  for (const w of ctx.index.workloadsByUid.values()) {
    nsAcc(w.namespace);
    if (isTopLevel(w)) workloads.set(w, emptyTally());
  }

  const podsByNamespace = new Map<string, PodVerdict[]>();
  for (const { pod, verdict, owner } of judgements) {
    let bucket = podsByNamespace.get(pod.namespace);
    if (!bucket) podsByNamespace.set(pod.namespace, (bucket = []));
    bucket.push(verdict);
    const acc = nsAcc(pod.namespace);
    addToTally(acc.tally, verdict);
    if (owner.workload) {
      const tally = workloads.get(owner.workload);
      if (tally) addToTally(tally, verdict);
    } else if (!pod.owner) {
      // Bare pods are not workloads; their lints live on the namespace.
      acc.lints.push(...barePodLints(pod));
      const one = emptyTally();
      addToTally(one, verdict);
      const lint = restartLint({ kind: 'Pod', namespace: pod.namespace, name: pod.name }, one.statusCounts, {
        pod,
      });
      if (lint) acc.lints.push(lint);
    }
  }

  const workloadSummaries: WorkloadSummary[] = [];
  for (const [workload, tally] of workloads) {
    const summary = workloadSummary(ctx, workload, tally);
    const acc = nsAcc(workload.namespace);
    if (summary.needsRestart) acc.workloadsNeedingRestart++;
    for (const lint of summary.lints)
      if (lint.code !== 'restart_required') acc.workloadLints[lint.severity]++;
    workloadSummaries.push(summary);
  }

  const total = emptyTally();
  let workloadsNeedingRestart = 0;
  const namespaceSummaries: NamespaceSummary[] = [];
  for (const acc of namespaces.values()) {
    mergeTally(total, acc.tally);
    workloadsNeedingRestart += acc.workloadsNeedingRestart;
    namespaceSummaries.push(namespaceSummary(ctx, acc));
  }

  const cp = ctx.controlPlane;
  const cluster: ClusterSummary = {
    controlPlaneNamespace: cp?.namespace,
    linkerdVersion: cp?.linkerdVersion,
    injectProxyVersion: cp?.injectProxyVersion,
    webhookPresent: ctx.webhook !== null,
    failurePolicy: ctx.webhook?.failurePolicy,
    injectorPods: cp ? { ...cp.injectorPods } : { total: 0, ready: 0 },
    namespaces: namespaceSummaries.length,
    pods: total.pods,
    meshed: total.meshed,
    failed: total.failed,
    statusCounts: total.statusCounts,
    workloadsNeedingRestart,
  };
  if (cp?.configError) cluster.linkerdConfigError = cp.configError;

  namespaceSummaries.sort((a, b) => compareStrings(a.name, b.name));
  workloadSummaries.sort((a, b) => byNamespaceAndName(a, b) || compareStrings(a.kind, b.kind));
  // Sorting per namespace bucket: far fewer comparisons than one sort over every pod.
  const pods: PodVerdict[] = [];
  for (const ns of namespaceSummaries) {
    const bucket = podsByNamespace.get(ns.name);
    if (!bucket) continue;
    bucket.sort(byName);
    for (const v of bucket) pods.push(v);
  }
  return { cluster, namespaces: namespaceSummaries, workloads: workloadSummaries, pods };
}
