import 'server-only';
// A kubectl List does not say which resource types were asked for, so a partial dump is recognised by
// its holes: pods owned by ReplicaSets when there is no ReplicaSet at all, Linkerd's pods without any
// ConfigMap, and so on. Each hole is named with the resource kubectl must add. A missing webhook cannot
// be told from a dump that left mutatingwebhookconfigurations out: it reads as "injector not installed".
import type { PodRecord, WorkloadRecord } from '@/lib/mesh/types';
import { CONTROL_PLANE_COMPONENT_LABEL, CONTROL_PLANE_NS_LABEL } from '@/lib/mesh/annotations';
import type { DumpRecords } from './dump';

/** Owner kind → the kubectl resource that lists it. */
const OWNER_RESOURCES: Record<string, string> = {
  ReplicaSet: 'replicasets',
  Deployment: 'deployments',
  StatefulSet: 'statefulsets',
  DaemonSet: 'daemonsets',
  Job: 'jobs',
  CronJob: 'cronjobs',
};

function ownerHoles(owned: (PodRecord | WorkloadRecord)[], counts: Record<string, number>): string[] {
  const holes = new Map<string, string>();
  for (const o of owned) {
    const kind = o.owner?.kind;
    const resource = kind ? OWNER_RESOURCES[kind] : undefined;
    if (!kind || !resource || counts[kind] || holes.has(resource)) continue;
    holes.set(
      resource,
      `no ${resource} although ${o.namespace}/${o.name} is owned by ${kind} ${o.owner?.name}`,
    );
  }
  return [...holes.values()];
}

export function missingKinds(dump: DumpRecords): string[] {
  const { counts } = dump;
  const missing: string[] = [];
  if (!counts.Namespace) missing.push('no namespaces');
  if (!counts.Pod) missing.push('no pods');
  const known = new Set(dump.namespaces.map((n) => n.name));
  const orphans = [...new Set(dump.pods.map((p) => p.namespace).filter((ns) => !known.has(ns)))];
  if (counts.Namespace && orphans.length > 0)
    missing.push(
      `namespaces ${orphans.slice(0, 5).join(', ')}${orphans.length > 5 ? '…' : ''} (their pods are in the dump)`,
    );
  missing.push(...ownerHoles([...dump.pods, ...dump.workloads], counts));
  // Linkerd is there (its pods or meshed pods say so): then its config and webhook must be too.
  const linkerdPods = dump.pods.some(
    (p) => p.labels[CONTROL_PLANE_COMPONENT_LABEL] || p.labels[CONTROL_PLANE_NS_LABEL],
  );
  if (linkerdPods && !counts.ConfigMap) missing.push('no configmaps (linkerd-config is needed)');
  return missing;
}
