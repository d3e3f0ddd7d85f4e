// The engine's outputs: per-pod verdicts, reasons, lints, traces and summaries. Type-only apart from
// the two status lists, which client code may import too.
import type { PodIdentity, WorkloadKind } from './inputs.ts';
import type { GitOpsManager } from './gitops.ts';

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
  | 'webhook_rules_exclude_pods'
  | 'webhook_match_condition_false'
  | 'webhook_match_condition_unknown'
  | 'injector_not_installed';

export interface Reason {
  code: ReasonCode;
  message: string;
  /** What to do about it, in one sentence. */
  fix: string;
}

export const LINT_CODES = [
  'inject_set_as_label',
  'annotation_on_workload_metadata',
  'legacy_auto_inject_label',
  'invalid_inject_value',
  'restart_required',
] as const;
export type LintCode = (typeof LINT_CODES)[number];

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

export interface PodVerdict extends PodIdentity {
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
  /** The raw `linkerd.io/inject` on the pod template, if any. */
  templateInjectValue?: string;
  /** Argo CD / Flux / Helm owns its manifest: a patch is reverted at the next sync. */
  gitOps?: GitOpsManager;
  /** The template asks for hostNetwork, which Linkerd never injects (whether or not a webhook exists). */
  hostNetwork?: true;
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
  /** Argo CD / Flux / Helm owns its manifest: a patch is reverted at the next sync. */
  gitOps?: GitOpsManager;
}

export interface ClusterSummary {
  controlPlaneNamespace?: string;
  linkerdVersion?: string;
  injectProxyVersion?: string;
  webhookPresent: boolean;
  failurePolicy?: string;
  injectorPods: { total: number; ready: number };
  /** linkerd-config could not be read: the versions and proxy settings shown are Linkerd's defaults. */
  linkerdConfigError?: string;
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
