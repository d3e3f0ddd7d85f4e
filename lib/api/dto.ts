// The JSON contract between the server routes and their clients (the UI, scripts). Type-only: the
// request types are the inputs of validate.ts's schemas, so what a client may send is written once,
// and the engine's results travel as wire.ts's types (its own names; checked against the engine in
// lib/server/contract.ts). Clients import every API type from here.
import type { z } from 'zod';
import type {
  ClusterSummary,
  GuardRefusal,
  Lint,
  NamespaceRow,
  NamespaceSummary,
  PlanExclusion,
  PodExplanation,
  PodRow,
  ProbeVerdict,
  RolloutJudgement,
  WorkloadKind,
  WorkloadRow,
  OwnerRef,
} from './wire';
import type { injectionBody, lintFixBody, restartBody, workloadInjectionBody } from './validate';

export type * from './wire';
export type * from './restart-plan-dto';

export type ErrorCode =
  | 'bad_request' // malformed body, unknown field, wrong type
  | 'invalid_name' // not a DNS-1123 name
  | 'invalid_kind'
  | 'invalid_value'
  | 'payload_too_large'
  | 'not_found'
  | 'method_not_allowed' // TRACE, CONNECT, WebDAV verbs…
  | 'unauthenticated' // MESHWATCH_AUTH=user and no (or no longer a valid) credential: sign in
  | 'forbidden' // RBAC said no; message carries the API server's reason
  | 'read_only' // MESHWATCH_READ_ONLY=true
  | 'csrf' // missing/wrong CSRF token or cross-site request
  | 'host_not_allowed' // Host header not in the allow-list (DNS rebinding)
  | 'paused' // Deployment paused
  | 'conflict'
  | 'guarded_namespace' // kube-system & co. or the Linkerd control plane; send "force": true to insist
  | 'cannot_work' // the engine says the restart cannot work (injector down, none installed); "force" to insist
  | 'unavailable' // cluster unreachable or cache not synced
  | 'internal';

export interface ErrorBody {
  /** `reason`: the engine's code behind a guard refusal (GuardCode), when there is one. */
  error: { code: ErrorCode; message: string; reason?: string };
}

export interface Freshness {
  synced: boolean;
  /** True when the cache has lost the API server or has not synced yet. */
  stale: boolean;
  /** Seconds since the cache last heard from the API server (event or successful list/watch). */
  ageSeconds: number | null;
  lastEventAt: string | null;
  resources: { name: string; synced: boolean; healthy: boolean; lastError?: string }[];
}

export interface ContextInfo {
  name: string;
  server: string;
  kubernetesVersion?: string;
  inCluster: boolean;
  /** Set when meshwatch shows a kubectl dump (MESHWATCH_SNAPSHOT), not a live cluster. */
  snapshot?: SnapshotInfo;
}

export interface SnapshotInfo {
  /** The dump's file name. */
  file: string;
  /** When the dump was taken (the file's modification time); '' when it could not be read. */
  takenAt: string;
}

export interface OverviewResponse {
  context: ContextInfo;
  cluster: ClusterSummary;
  /** The latest dry-run pod CREATE: is the injector answering? */
  injectorProbe?: ProbeVerdict;
  namespaces: NamespaceRow[];
  freshness: Freshness;
  generatedAt: string;
}

export interface NamespaceResponse {
  namespace: NamespaceRow;
  workloads: WorkloadRow[];
  pods: PodRow[];
  lints: Lint[];
  freshness: Freshness;
}

export interface InjectorEvent {
  reason: string; // Injected | InjectionSkipped
  message: string;
  count: number;
  lastSeen: string;
  object: { kind: string; name: string };
}

export interface PodResponse {
  pod: PodExplanation & { owner?: OwnerRef };
  events: InjectorEvent[];
  /** Set when the events could not be fetched (RBAC, API server unreachable); the rest still answers. */
  eventsError?: string;
  freshness: Freshness;
}

export type Capability =
  | 'patchNamespaces'
  | 'patchDeployments'
  | 'patchStatefulSets'
  | 'patchDaemonSets'
  | 'patchCronJobs'
  | 'createEvents';

/** GET/POST /api/v1/session: whose Kubernetes identity this browser acts with. */
export interface SessionResponse {
  /** MESHWATCH_AUTH: `kubeconfig` and `serviceaccount` act as meshwatch's own identity, `user` as the person. */
  mode: 'kubeconfig' | 'serviceaccount' | 'user';
  /** `session`: signed in here; `proxy`: an authenticating proxy's header; `process`: meshwatch's own. */
  via: 'session' | 'proxy' | 'process';
  /** As SelfSubjectReview reports it; absent when the shared identity could not be asked. */
  person?: { username: string; groups: string[] };
  /** Minutes without a request after which a sign-in session ends. */
  idleMinutes?: number;
}

export interface CapabilitiesResponse {
  readOnly: boolean;
  /** A dump, not a live cluster: nothing can be changed, and the UI shows no action buttons. */
  snapshot?: SnapshotInfo;
  /** Send back as `x-meshwatch-csrf` on every mutation. */
  csrfToken: string;
  can: Record<Capability, boolean>;
  /** Why a capability is false, in plain words. */
  why: Partial<Record<Capability, string>>;
  /** The namespace these answers are for; absent: cluster-wide. */
  namespace?: string;
}

/** A linkerd.io/inject value (the engine's INJECT_VALUES, as the request schemas take them). */
export type InjectValue = NonNullable<InjectionRequest['value']>;

export type InjectionRequest = z.input<typeof injectionBody>;

export interface WorkloadRef {
  namespace: string;
  kind: WorkloadKind;
  name: string;
}

export interface InjectionResponse {
  dryRun: boolean;
  previousValue: string | null;
  value: InjectValue | null;
  namespace: NamespaceSummary;
  /** Workloads whose running pods no longer match what a restart would create. */
  workloadsNeedingRestart: (WorkloadRef & { pods: number })[];
  /** The same change as kubectl commands, exactly, and as the fragment to put in the manifest. */
  commands: string[];
  manifest: string;
}

export type RestartRequest = z.input<typeof restartBody>;

export interface RestartResult extends WorkloadRef {
  result: 'done' | 'skipped' | 'failed';
  why?: string;
  pods: number;
  restartedAt?: string;
  /** Skipped because a restart of it is already under way (`restartedAt` is that restart's). */
  alreadyRestarting?: boolean;
}

export interface RestartResponse {
  dryRun: boolean;
  results: RestartResult[];
  /** Pods a restart will not replace (bare pods, paused, OnDelete …) and what to do instead. */
  notReplaced?: PlanExclusion[];
  /** Guard refusals the caller overrode with "force". */
  forced?: GuardRefusal[];
}

export interface ActivityEntry {
  id: string;
  at: string;
  action: 'set-injection' | 'restart-workload' | 'restart-namespace' | 'fix-lint' | 'restart-plan';
  target: string;
  dryRun: boolean;
  result: 'ok' | 'error';
  detail: string;
  /** The client address (the socket peer unless trusted proxies vouch for another). */
  client: string;
  /** The user an authenticating proxy named (MESHWATCH_AUTH_PROXY_USER_HEADER): a note, not an identity. */
  user?: string;
  /** Who acted, as the API server knows them (SelfSubjectReview). */
  person?: string;
  groups?: string[];
}

export interface ActivityResponse {
  entries: ActivityEntry[];
  /** `cluster`: meshwatch's Kubernetes Events merged with this server's memory; `memory`: memory only. */
  source?: 'cluster' | 'memory';
  /** Why the Events could not be read (RBAC, API server down): the list is this server's memory only. */
  eventsError?: string;
}

/** SSE: `event: change` carries this; `event: status` carries Freshness; comments are heartbeats. */
export interface ChangeEvent {
  namespaces: string[];
  at: string;
  /** True when something cluster-wide changed (webhook, linkerd-config): `namespaces` then lists all. */
  cluster?: boolean;
}

/** SSE: `event: plan` — the cluster-wide restart plan's run changed; clients refetch /api/v1/restart-plan. */
export interface PlanEvent {
  id: string;
  state: 'running' | 'done' | 'failed' | 'cancelled';
  wave: number;
  at: string;
}

export interface InjectorProbeResponse {
  probe: ProbeVerdict;
  intervalSeconds: number;
}

/** GET /api/v1/workloads/{ns}/{kind}/{name}/rollout?since=ISO */
export interface RolloutStateResponse extends RolloutJudgement {
  namespace: string;
  kind: WorkloadKind;
  name: string;
  since: string;
  desired: number;
  updated: number;
  ready: number;
  stallAfterSeconds: number;
}

/** GET /api/v1/diagnostics: the server process itself, for leak hunting; no cluster data. */
export interface DiagnosticsResponse {
  /** Open SSE connections (cache subscribers). */
  streams: number;
  rssBytes: number;
  heapUsedBytes: number;
  uptimeSeconds: number;
  /** Sign-in sessions held (MESHWATCH_AUTH=user). */
  sessions: number;
  /** SelfSubjectAccessReviews sent for people since start: the per-person filter's cost. */
  accessReviews: number;
}

/** PUT a workload's pod-template linkerd.io/inject (opt in or out). */
export type WorkloadInjectionRequest = z.input<typeof workloadInjectionBody>;
/** POST a lint's metadata fix. */
export type LintFixRequest = z.input<typeof lintFixBody>;

/** The answer of every metadata-change action (workload injection, lint fixes). */
export interface MetadataChangeResponse {
  dryRun: boolean;
  target: { kind: string; namespace?: string; name: string };
  summary: string;
  /** After the change (dry run: the version read); send it back as the precondition of the real change. */
  resourceVersion: string;
  edits: { path: string; key: string; from: string | null; to: string | null }[];
  changed: boolean;
  /** The JSON merge patch sent (without its resourceVersion). */
  patch: unknown;
  commands: string[];
  manifest: string;
  gitOps?: { tool: string; what: string; name: string; evidence: string; sentence: string };
  consequence?: { effect: string; sentence: string };
}

/** The lints a metadata change fixes (the engine's FIXABLE_LINTS, as the request schema takes them). */
export type FixableLint = LintFixRequest['code'];
