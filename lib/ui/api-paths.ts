import type { WorkloadKind } from '@/lib/api/dto';

// Every URL the UI reads or writes. SWR keys are these strings, so the stream can revalidate by prefix.
const segment = encodeURIComponent;

export const apiPaths = {
  overview: '/api/v1/overview',
  context: '/api/v1/context',
  capabilities: '/api/v1/capabilities',
  namespaceCapabilities: (namespace: string) => `/api/v1/capabilities?namespace=${segment(namespace)}`,
  session: '/api/v1/session',
  activity: '/api/v1/activity',
  stream: '/api/v1/stream',
  namespace: (namespace: string) => `/api/v1/namespaces/${segment(namespace)}`,
  pod: (namespace: string, pod: string) => `/api/v1/namespaces/${segment(namespace)}/pods/${segment(pod)}`,
  injection: (namespace: string) => `/api/v1/namespaces/${segment(namespace)}/injection`,
  restartNamespace: (namespace: string) => `/api/v1/namespaces/${segment(namespace)}/restart`,
  restartWorkload: (namespace: string, kind: WorkloadKind, name: string) =>
    `/api/v1/workloads/${segment(namespace)}/${segment(kind)}/${segment(name)}/restart`,
  workloadInjection: (namespace: string, kind: WorkloadKind, name: string) =>
    `/api/v1/workloads/${segment(namespace)}/${segment(kind)}/${segment(name)}/injection`,
  lintFix: (target: { kind: string; namespace?: string; name: string }) =>
    target.kind === 'Namespace'
      ? `/api/v1/namespaces/${segment(target.name)}/lint-fix`
      : `/api/v1/workloads/${segment(target.namespace ?? '')}/${segment(target.kind)}/${segment(target.name)}/lint-fix`,
  restartPlan: '/api/v1/restart-plan',
  cancelRestartPlan: '/api/v1/restart-plan/cancel',
  injector: '/api/v1/injector',
  injectorProbe: '/api/v1/injector/probe',
  rollout: (namespace: string, kind: WorkloadKind, name: string, since: string) =>
    `/api/v1/workloads/${segment(namespace)}/${segment(kind)}/${segment(name)}/rollout?since=${segment(since)}`,
};

/** Every SWR key that shows something about this namespace (the namespace page and its pods). */
export function isNamespaceKey(key: unknown, namespace: string): boolean {
  if (typeof key !== 'string') return false;
  const base = apiPaths.namespace(namespace);
  return key === base || key.startsWith(`${base}/`);
}
