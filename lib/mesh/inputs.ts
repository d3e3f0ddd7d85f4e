// The engine's inputs: slim, plain records of what the injector looks at (lib/k8s reshapes API objects
// into these). Type-only.

export type StringMap = Readonly<Record<string, string>>;

export interface ContainerRecord {
  name: string;
  image: string;
  /** `Always` on an init container marks a native sidecar (Kubernetes >= 1.29). */
  restartPolicy?: string;
}

/** The parts of a pod spec (or a pod template) the injector looks at. */
export interface PodSpecRecord {
  labels: StringMap;
  annotations: StringMap;
  hostNetwork: boolean;
  /** undefined means "not set": the ServiceAccount's own setting decides (true when it has none). */
  automountServiceAccountToken?: boolean;
  containers: ContainerRecord[];
  initContainers: ContainerRecord[];
  /** `spec.serviceAccountName`; undefined = not set (the API server uses `default`). */
  serviceAccountName?: string;
  /**
   * Does the first container mount the service-account token at
   * `/var/run/secrets/kubernetes.io/serviceaccount`? With `identity.serviceAccountTokenProjection` off,
   * Linkerd's webhook skips pods without it. Pods (admitted by the API server): true/false for the first
   * container that is not `linkerd-proxy` (a classic proxy is inserted first). Templates (never admitted):
   * true when that container declares the mount itself, else undefined (the ServiceAccount decides).
   */
  firstContainerTokenMount?: boolean;
}

export interface OwnerRef {
  kind: string;
  name: string;
  uid: string;
}

export interface NamespaceRecord {
  name: string;
  uid: string;
  labels: StringMap;
  annotations: StringMap;
  createdAt: string;
  /** When `metadata.annotations["linkerd.io/inject"]` was last written (managedFields), if known. */
  injectAnnotationSetAt?: string;
  deleting: boolean;
}

/** The kinds meshwatch follows as a pod's workload. */
export const WORKLOAD_KINDS = [
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
  'Job',
  'CronJob',
  'ReplicationController',
] as const;
export type WorkloadKind = (typeof WORKLOAD_KINDS)[number];

export interface WorkloadRecord {
  kind: WorkloadKind;
  namespace: string;
  name: string;
  uid: string;
  createdAt: string;
  /** The workload's OWN metadata (where users wrongly put the annotation sometimes). */
  labels: StringMap;
  annotations: StringMap;
  /** The pod template: for a CronJob, `spec.jobTemplate.spec.template`. */
  template: PodSpecRecord;
  /** ReplicaSet → Deployment, Job → CronJob. */
  owner?: OwnerRef;
  /** Deployment only. */
  paused?: boolean;
  /** StatefulSet / DaemonSet `spec.updateStrategy.type`; Deployment `spec.strategy.type`. */
  updateStrategy?: string;
  /** Desired replicas where the kind has them. */
  replicas?: number;
}

export interface ContainerStatusRecord {
  name: string;
  ready: boolean;
  image: string;
  restartCount: number;
}

export const POD_PHASES = ['Pending', 'Running', 'Succeeded', 'Failed', 'Unknown'] as const;
export type PodPhase = (typeof POD_PHASES)[number];

/** What names a pod and where it is in its life: read from the pod, and carried into its verdict. */
export interface PodIdentity {
  namespace: string;
  name: string;
  uid: string;
  createdAt: string;
  phase: PodPhase;
  deleting: boolean;
}

export interface PodRecord extends PodSpecRecord, PodIdentity {
  nodeName?: string;
  owner?: OwnerRef;
  containerStatuses: ContainerStatusRecord[];
  initContainerStatuses: ContainerStatusRecord[];
  /**
   * `linkerd.io/inject` in the pod's own manifest, read from `kubectl.kubernetes.io/last-applied-configuration`:
   * null when the manifest has none, undefined when there is no such record. The injector copies the
   * namespace's value onto pods, so for a bare pod this is the only way to tell the author's value apart.
   */
  manifestInjectValue?: string | null;
}

export type LabelSelectorOperator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';

export interface LabelSelector {
  matchLabels?: StringMap;
  matchExpressions?: { key: string; operator: LabelSelectorOperator | string; values?: string[] }[];
}

/** admissionregistration/v1 RuleWithOperations. */
export interface WebhookRule {
  operations?: readonly string[];
  apiGroups?: readonly string[];
  apiVersions?: readonly string[];
  resources?: readonly string[];
  /** `Cluster`, `Namespaced` or `*` (the default). */
  scope?: string;
}

/** A CEL expression the API server evaluates before calling the webhook. */
export interface MatchCondition {
  name: string;
  expression: string;
}

/** The proxy-injector's entry in its live MutatingWebhookConfiguration. */
export interface InjectorWebhookRecord {
  configurationName: string;
  webhookName: string;
  /** undefined = matches everything, as in Kubernetes. */
  namespaceSelector?: LabelSelector;
  objectSelector?: LabelSelector;
  failurePolicy: 'Ignore' | 'Fail' | string;
  /** Where the API server calls it: `service ns/name:port` or a URL. */
  target: string;
  /** undefined = not recorded (treated as Linkerd's own: CREATE pods); [] = called for nothing. */
  rules?: WebhookRule[];
  matchConditions?: MatchCondition[];
}

/** Facts from `linkerd-config` (its `values` key) and the control-plane namespace. */
export interface ControlPlaneRecord {
  namespace: string;
  linkerdVersion?: string;
  /** The proxy version the injector writes today: `proxy.image.version`, else `linkerdVersion`. */
  injectProxyVersion?: string;
  nativeSidecar: boolean;
  serviceAccountTokenProjection: boolean;
  /** Proxy-injector pods (label linkerd.io/control-plane-component=proxy-injector). */
  injectorPods: { total: number; ready: number };
  /** Why linkerd-config could not be read (its facts then fall back to Linkerd's defaults). */
  configError?: string;
}

export interface ClusterSnapshot {
  namespaces: NamespaceRecord[];
  workloads: WorkloadRecord[];
  pods: PodRecord[];
  /** null: no proxy-injector webhook configuration exists → nothing can be injected. */
  webhook: InjectorWebhookRecord | null;
  /** null: no `linkerd-config` found. */
  controlPlane: ControlPlaneRecord | null;
}
