// A large, deterministic snapshot with every kind of workload and every pod status, for the
// benchmark (scripts/bench-engine.ts) and the engine's scale test. Built from the test fixtures.
import {
  annotated,
  container,
  deployment,
  injected,
  injectNamespace,
  namespace,
  ownerRef,
  podOf,
  snapshot,
  spec,
  workload,
} from './mesh-fixtures.ts';
import type {
  ClusterSnapshot,
  NamespaceRecord,
  PodRecord,
  PodSpecRecord,
  WorkloadRecord,
} from '../mesh/types.ts';

export interface SyntheticSize {
  namespaces: number;
  /** Top-level workloads; ReplicaSets and Jobs under them come on top. */
  workloads: number;
  pods: number;
}

export const BENCH_SIZE: SyntheticSize = { namespaces: 500, workloads: 2000, pods: 10000 };

const NAMESPACE_VALUES = ['enabled', undefined, 'disabled', 'ingress', 'enabled', 'true'] as const;

function syntheticNamespace(i: number): NamespaceRecord {
  const name = `team-${i}`;
  const value = NAMESPACE_VALUES[i % NAMESPACE_VALUES.length];
  if (i === 0) return namespace('kube-system');
  if (i === 1)
    return injectNamespace('linkerd', 'disabled', {
      labels: { 'config.linkerd.io/admission-webhooks': 'disabled' },
    });
  if (value === undefined)
    return namespace(name, { labels: i % 7 === 0 ? { 'linkerd.io/inject': 'enabled' } : {} });
  return injectNamespace(name, value, { injectAnnotationSetAt: '2025-06-15T00:00:00Z' });
}

function syntheticTemplate(i: number): PodSpecRecord {
  switch (i % 8) {
    case 0:
      return annotated('enabled');
    case 1:
      return annotated('disabled');
    case 2:
      return spec({ hostNetwork: true });
    case 3:
      return spec({
        containers: [container('app'), container('istio-proxy', 'gcr.io/istio-release/proxyv2:1.9')],
      });
    default:
      return spec();
  }
}

/** The top-level workload plus the records under it that own its pods. */
function syntheticWorkload(
  i: number,
  ns: string,
): { top: WorkloadRecord; podOwner: WorkloadRecord; extra: WorkloadRecord[] } {
  const name = `app-${i}`;
  const template = syntheticTemplate(i);
  switch (i % 6) {
    case 0:
    case 1: {
      const d = deployment(name, { namespace: ns, template, paused: i % 31 === 0 });
      return { top: d.deployment, podOwner: d.replicaSet, extra: [d.replicaSet] };
    }
    case 2: {
      const sts = workload('StatefulSet', name, { namespace: ns, template });
      return { top: sts, podOwner: sts, extra: [] };
    }
    case 3: {
      const ds = workload('DaemonSet', name, {
        namespace: ns,
        template,
        updateStrategy: i % 4 === 0 ? 'OnDelete' : 'RollingUpdate',
      });
      return { top: ds, podOwner: ds, extra: [] };
    }
    case 4: {
      const cron = workload('CronJob', name, { namespace: ns, template });
      const job = workload('Job', `${name}-290`, { namespace: ns, template, owner: ownerRef(cron) });
      return { top: cron, podOwner: job, extra: [job] };
    }
    default: {
      const rs = workload('ReplicaSet', name, { namespace: ns, template });
      return { top: rs, podOwner: rs, extra: [] };
    }
  }
}

/** Pods in every state: current proxy, old proxy, none, classic sidecar, finished, failed, terminating. */
function syntheticPod(owner: WorkloadRecord, i: number): PodRecord {
  const base = podOf(owner, `${owner.name}-${i}`, {
    createdAt: i % 3 === 0 ? '2025-06-01T00:00:00Z' : '2025-07-01T00:00:00Z',
  });
  switch (i % 10) {
    case 0:
    case 1:
    case 2:
      return injected(base);
    case 3:
      return injected(base, { version: 'edge-24.1.1', native: false });
    case 4:
      return injected(base, { ready: false });
    case 5:
      return { ...base, phase: 'Pending' };
    case 6:
      return { ...base, phase: 'Failed' };
    case 7:
      return { ...base, phase: 'Succeeded' };
    case 8:
      return { ...injected(base), deleting: true };
    default:
      return base;
  }
}

export function syntheticSnapshot(size: SyntheticSize = BENCH_SIZE): ClusterSnapshot {
  const namespaces = Array.from({ length: size.namespaces }, (_, i) => syntheticNamespace(i));
  const workloads: WorkloadRecord[] = [];
  const owners: WorkloadRecord[] = [];
  for (let i = 0; i < size.workloads; i++) {
    const ns = namespaces[i % namespaces.length]?.name ?? 'default';
    const w = syntheticWorkload(i, ns);
    workloads.push(w.top, ...w.extra);
    owners.push(w.podOwner);
  }
  const pods: PodRecord[] = [];
  for (let i = 0; i < size.pods; i++) {
    const owner = owners[i % owners.length];
    if (!owner) continue;
    const p = syntheticPod(owner, i);
    // One pod in 50 is a bare pod (kubectl run), which the engine evaluates on its own.
    pods.push(i % 50 === 49 ? { ...p, name: `debug-${i}`, uid: `uid-bare-${i}`, owner: undefined } : p);
  }
  return snapshot({ namespaces, workloads, pods });
}
