// Test-only builders for engine inputs (also used by scripts/bench-engine.ts). Each returns a
// complete, plain record with sensible defaults; pass only what a test is about.
import { analyzeCluster } from '../mesh/analyze.ts';
import type {
  ClusterSnapshot,
  ContainerRecord,
  ControlPlaneRecord,
  InjectorWebhookRecord,
  NamespaceRecord,
  OwnerRef,
  PodRecord,
  PodSpecRecord,
  PodVerdict,
  WorkloadKind,
  WorkloadRecord,
} from '../mesh/types.ts';

export const APP_IMAGE = 'ghcr.io/acme/app:1.0';
export const CP_VERSION = 'edge-25.6.1';
export const CREATED_AT = '2025-06-01T10:00:00Z';

export function container(name: string, image = APP_IMAGE, restartPolicy?: string): ContainerRecord {
  return restartPolicy === undefined ? { name, image } : { name, image, restartPolicy };
}

export function spec(over: Partial<PodSpecRecord> = {}): PodSpecRecord {
  return {
    labels: { app: 'demo' },
    annotations: {},
    hostNetwork: false,
    containers: [container('app')],
    initContainers: [],
    ...over,
  };
}

/** A template carrying `linkerd.io/inject: <value>`. */
export function annotated(value: string, over: Partial<PodSpecRecord> = {}): PodSpecRecord {
  return spec({ ...over, annotations: { ...over.annotations, 'linkerd.io/inject': value } });
}

export function namespace(name: string, over: Partial<NamespaceRecord> = {}): NamespaceRecord {
  return {
    name,
    uid: `uid-ns-${name}`,
    labels: { 'kubernetes.io/metadata.name': name },
    annotations: {},
    createdAt: '2025-01-01T00:00:00Z',
    deleting: false,
    ...over,
  };
}

/** A namespace annotated `linkerd.io/inject: <value>`. */
export function injectNamespace(
  name: string,
  value: string,
  over: Partial<NamespaceRecord> = {},
): NamespaceRecord {
  return namespace(name, { ...over, annotations: { ...over.annotations, 'linkerd.io/inject': value } });
}

export function workload(
  kind: WorkloadKind,
  name: string,
  over: Partial<WorkloadRecord> & { namespace?: string } = {},
): WorkloadRecord {
  const ns = over.namespace ?? 'shop';
  return {
    kind,
    namespace: ns,
    name,
    uid: `uid-${kind}-${ns}-${name}`,
    createdAt: CREATED_AT,
    labels: {},
    annotations: {},
    template: spec(),
    ...over,
  };
}

export function ownerRef(w: { kind: string; name: string; uid: string }): OwnerRef {
  return { kind: w.kind, name: w.name, uid: w.uid };
}

/** A Deployment and the ReplicaSet it owns, sharing one template unless told otherwise. */
export function deployment(
  name: string,
  over: Partial<WorkloadRecord> & { namespace?: string } = {},
  replicaSetTemplate?: PodSpecRecord,
): { deployment: WorkloadRecord; replicaSet: WorkloadRecord } {
  const dep = workload('Deployment', name, over);
  const replicaSet = workload('ReplicaSet', `${name}-5d8f7c`, {
    namespace: dep.namespace,
    template: replicaSetTemplate ?? dep.template,
    owner: ownerRef(dep),
  });
  return { deployment: dep, replicaSet };
}

export function pod(name: string, over: Partial<PodRecord> = {}): PodRecord {
  const ns = over.namespace ?? 'shop';
  return {
    ...spec(),
    namespace: ns,
    name,
    uid: `uid-pod-${ns}-${name}`,
    createdAt: CREATED_AT,
    phase: 'Running',
    deleting: false,
    containerStatuses: [],
    initContainerStatuses: [],
    ...over,
  };
}

/** A pod created by `owner` from `template` (default: the owner's own template), before any injection. */
export function podOf(
  owner: WorkloadRecord,
  name: string,
  over: Partial<PodRecord> = {},
  template?: PodSpecRecord,
): PodRecord {
  return pod(name, {
    ...(template ?? owner.template),
    namespace: owner.namespace,
    owner: ownerRef(owner),
    ...over,
  });
}

export interface InjectOptions {
  version?: string;
  native?: boolean;
  ready?: boolean;
  /** Write `linkerd.io/proxy-version` (the injector does); false leaves only the image tag. */
  versionAnnotation?: boolean;
  createdBy?: string;
  controlPlaneNs?: string;
  /** Inject-annotation copied from the namespace, as the injector does when the pod lacks one. */
  copiedInject?: string;
}

/** What the proxy injector makes of a pod: proxy (classic or native), linkerd-init, annotations, labels, statuses. */
export function injected(p: PodRecord, opts: InjectOptions = {}): PodRecord {
  const version = opts.version ?? CP_VERSION;
  const proxy = container(
    'linkerd-proxy',
    `cr.l5d.io/linkerd/proxy:${version}`,
    opts.native === false ? undefined : 'Always',
  );
  const init = container('linkerd-init', `cr.l5d.io/linkerd/proxy-init:v2.4.0`);
  const native = opts.native !== false;
  const annotations: Record<string, string> = {
    ...p.annotations,
    'linkerd.io/created-by': opts.createdBy ?? `linkerd/proxy-injector ${version}`,
  };
  if (opts.versionAnnotation !== false) annotations['linkerd.io/proxy-version'] = version;
  if (opts.copiedInject !== undefined && annotations['linkerd.io/inject'] === undefined) {
    annotations['linkerd.io/inject'] = opts.copiedInject;
  }
  const status = { name: 'linkerd-proxy', ready: opts.ready ?? true, image: proxy.image, restartCount: 0 };
  return {
    ...p,
    labels: {
      ...p.labels,
      'linkerd.io/control-plane-ns': opts.controlPlaneNs ?? 'linkerd',
      'linkerd.io/workload-ns': p.namespace,
      ...(p.owner ? { [`linkerd.io/proxy-${p.owner.kind.toLowerCase()}`]: p.owner.name } : {}),
    },
    annotations,
    containers: native ? p.containers : [proxy, ...p.containers],
    initContainers: native ? [init, proxy, ...p.initContainers] : [init, ...p.initContainers],
    containerStatuses: native ? p.containerStatuses : [status, ...p.containerStatuses],
    initContainerStatuses: native ? [status, ...p.initContainerStatuses] : p.initContainerStatuses,
  };
}

/** The live webhook with Linkerd's default selectors (charts/linkerd-control-plane values). */
export function webhook(over: Partial<InjectorWebhookRecord> = {}): InjectorWebhookRecord {
  return {
    configurationName: 'linkerd-proxy-injector-webhook-config',
    webhookName: 'linkerd-proxy-injector.linkerd.io',
    namespaceSelector: {
      matchExpressions: [
        { key: 'config.linkerd.io/admission-webhooks', operator: 'NotIn', values: ['disabled'] },
        { key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: ['kube-system', 'cert-manager'] },
      ],
    },
    objectSelector: {
      matchExpressions: [
        { key: 'linkerd.io/control-plane-component', operator: 'DoesNotExist' },
        { key: 'linkerd.io/cni-resource', operator: 'DoesNotExist' },
      ],
    },
    failurePolicy: 'Ignore',
    target: 'service linkerd/linkerd-proxy-injector:443',
    ...over,
  };
}

export function controlPlane(over: Partial<ControlPlaneRecord> = {}): ControlPlaneRecord {
  return {
    namespace: 'linkerd',
    linkerdVersion: CP_VERSION,
    injectProxyVersion: CP_VERSION,
    nativeSidecar: true,
    serviceAccountTokenProjection: true,
    injectorPods: { total: 1, ready: 1 },
    ...over,
  };
}

/** A snapshot with the default webhook and control plane unless given. */
export function snapshot(over: Partial<ClusterSnapshot> = {}): ClusterSnapshot {
  return {
    namespaces: [],
    workloads: [],
    pods: [],
    webhook: webhook(),
    controlPlane: controlPlane(),
    ...over,
  };
}

/** The one pod verdict of a snapshot that holds exactly one pod. */
export function onlyVerdict(s: ClusterSnapshot): PodVerdict {
  const [first, ...rest] = analyzeCluster(s).pods;
  if (!first || rest.length > 0) throw new Error('expected exactly one pod');
  return first;
}

/** The injector's checks as every decision trace walks them, in order (handwritten, not derived). */
export const DECISION_RULES = [
  'webhook',
  'webhook namespaceSelector',
  'webhook objectSelector',
  'hostNetwork',
  'sidecars',
  'namespace annotation',
  'template annotation',
  'automountServiceAccountToken',
  'pod-verdict',
] as const;
