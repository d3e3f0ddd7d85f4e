// The injection model's vocabulary: slim, plain records in (what lib/k8s reshapes API objects into)
// and verdicts out. Type-only: safe to import from server code, client code and tests alike.

export type StringMap = Readonly<Record<string, string>>;

// ---------------------------------------------------------------------------------------------
// Inputs
// ---------------------------------------------------------------------------------------------

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

export type WorkloadKind =
  'Deployment' | 'StatefulSet' | 'DaemonSet' | 'ReplicaSet' | 'Job' | 'CronJob' | 'ReplicationController';

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

export type PodPhase = 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Unknown';

export interface PodRecord extends PodSpecRecord {
  namespace: string;
  name: string;
  uid: string;
  createdAt: string;
  phase: PodPhase;
  deleting: boolean;
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

// ---------------------------------------------------------------------------------------------
// Outputs
// ---------------------------------------------------------------------------------------------

/** One per pod. */
export type PodStatus =
  'meshed' | 'outdated-proxy' | 'missing-proxy' | 'unwanted-proxy' | 'not-injectable' | 'unmeshed';

export const POD_STATUSES: readonly PodStatus[] = [
  'missing-proxy',
  'unwanted-proxy',
  'outdated-proxy',
  'not-injectable',
  'meshed',
  'unmeshed',
];

/** Statuses a rollout restart fixes. */
export const RESTART_FIXES: readonly PodStatus[] = ['missing-proxy', 'unwanted-proxy', 'outdated-proxy'];

/** Linkerd's own skip reasons (pkg/inject/report.go) plus meshwatch's. */
export type ReasonCode =
  | 'host_network_enabled'
  | 'sidecar_already_exists'
  | 'unsupported_resource'
  | 'injection_enable_annotation_absent'
  | 'injection_disable_annotation_present'
  | 'invalid_inject_annotation_at_workload'
  | 'invalid_inject_annotation_at_ns'
  | 'disabled_automount_service_account_token_account'
  | 'namespace_excluded_by_webhook'
  | 'object_excluded_by_webhook'
  | 'injector_not_installed';

export interface Reason {
  code: ReasonCode;
  message: string;
  /** What to do about it, in one sentence. */
  fix: string;
}

export type LintCode =
  | 'inject_set_as_label'
  | 'annotation_on_workload_metadata'
  | 'legacy_auto_inject_label'
  | 'invalid_inject_value'
  | 'restart_required';

export interface Lint {
  code: LintCode;
  severity: 'warning' | 'error' | 'info';
  message: string;
  fix: string;
  target: { kind: 'Namespace' | WorkloadKind | 'Pod'; namespace?: string; name: string };
}

export interface TraceStep {
  /** Short name of the rule, e.g. "webhook namespaceSelector", "namespace annotation". */
  rule: string;
  outcome: 'pass' | 'block' | 'info';
  detail: string;
}

/** The injector's decision for a pod spec, with Linkerd's reasons in Linkerd's order. */
export interface InjectionDecision {
  inject: boolean;
  reasons: Reason[];
  trace: TraceStep[];
  /** True when the namespace or template opted in (enabled/ingress) or carries an invalid value. */
  optedIn: boolean;
}

export interface PodVerdict {
  namespace: string;
  name: string;
  uid: string;
  createdAt: string;
  phase: PodPhase;
  deleting: boolean;
  /** The workload a restart acts on (Deployment for a ReplicaSet's pod, CronJob for a Job's). */
  workload?: { kind: WorkloadKind; name: string };
  meshed: boolean;
  nativeSidecar: boolean;
  proxyVersion?: string;
  proxyReady?: boolean;
  /** Would the pod a restart creates get a proxy? */
  expected: boolean;
  status: PodStatus;
  /** Why it is not (or would not be) injected; empty for meshed/missing/outdated pods. */
  reasons: Reason[];
  /** The one-sentence fix for this pod's status, if any. */
  fix?: string;
}

export interface PodExplanation extends PodVerdict {
  trace: TraceStep[];
}

export type StatusCounts = Record<PodStatus, number>;

export interface Restartability {
  restartable: boolean;
  /** Why not, and what to do instead, when not restartable. */
  why?: string;
}

export interface WorkloadSummary {
  kind: WorkloadKind;
  namespace: string;
  name: string;
  /** Pods counted like `linkerd viz stat`: Pending/Running, not terminating. */
  pods: number;
  meshed: number;
  failed: number;
  statusCounts: StatusCounts;
  /** The injector's decision for the current template. */
  template: InjectionDecision;
  restart: Restartability;
  needsRestart: boolean;
  lints: Lint[];
}

export interface NamespaceSummary {
  name: string;
  /** The raw `linkerd.io/inject` annotation value, if any. */
  injectValue?: string;
  injectAnnotationSetAt?: string;
  webhookExcluded: boolean;
  isControlPlane: boolean;
  pods: number;
  meshed: number;
  failed: number;
  statusCounts: StatusCounts;
  workloadsNeedingRestart: number;
  proxyVersions: string[];
  lints: Lint[];
  /** Lints on the namespace's workloads (restart_required aside: workloadsNeedingRestart counts those), by severity. */
  workloadLints: Record<Lint['severity'], number>;
}

export interface ClusterSummary {
  controlPlaneNamespace?: string;
  linkerdVersion?: string;
  injectProxyVersion?: string;
  webhookPresent: boolean;
  failurePolicy?: string;
  injectorPods: { total: number; ready: number };
  namespaces: number;
  pods: number;
  meshed: number;
  failed: number;
  statusCounts: StatusCounts;
  workloadsNeedingRestart: number;
}

/** Everything the engine derives from one snapshot. */
export interface ClusterAnalysis {
  cluster: ClusterSummary;
  namespaces: NamespaceSummary[];
  workloads: WorkloadSummary[];
  pods: PodVerdict[];
}

/** One namespace's slice of an analysis. */
export interface NamespaceAnalysis {
  namespace: NamespaceSummary;
  workloads: WorkloadSummary[];
  pods: PodVerdict[];
  /** Namespace lints plus every workload's lints. */
  lints: Lint[];
}
