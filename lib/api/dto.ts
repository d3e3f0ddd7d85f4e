// The JSON contract between the server routes and their clients (the UI, scripts). Type-only.
import type {
  ClusterSummary,
  Lint,
  NamespaceSummary,
  OwnerRef,
  PodExplanation,
  PodVerdict,
  WorkloadKind,
  WorkloadSummary,
} from '@/lib/mesh/types';

export type ErrorCode =
  | 'bad_request' // malformed body, unknown field, wrong type
  | 'invalid_name' // not a DNS-1123 name
  | 'invalid_kind'
  | 'invalid_value'
  | 'payload_too_large'
  | 'not_found'
  | 'method_not_allowed' // TRACE, CONNECT, WebDAV verbs…
  | 'forbidden' // RBAC said no; message carries the API server's reason
  | 'read_only' // MESHWATCH_READ_ONLY=true
  | 'csrf' // missing/wrong CSRF token or cross-site request
  | 'host_not_allowed' // Host header not in the allow-list (DNS rebinding)
  | 'paused' // Deployment paused
  | 'conflict'
  | 'unavailable' // cluster unreachable or cache not synced
  | 'internal';

export interface ErrorBody {
  error: { code: ErrorCode; message: string };
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
}

export interface OverviewResponse {
  context: ContextInfo;
  cluster: ClusterSummary;
  namespaces: NamespaceSummary[];
  freshness: Freshness;
  generatedAt: string;
}

/** A pod verdict plus its direct controller (e.g. the ReplicaSet; `workload` is what a restart acts on). */
export type PodRow = PodVerdict & { owner?: OwnerRef };

export interface NamespaceResponse {
  namespace: NamespaceSummary;
  workloads: WorkloadSummary[];
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
  'patchNamespaces' | 'patchDeployments' | 'patchStatefulSets' | 'patchDaemonSets' | 'createEvents';

export interface CapabilitiesResponse {
  readOnly: boolean;
  /** Send back as `x-meshwatch-csrf` on every mutation. */
  csrfToken: string;
  can: Record<Capability, boolean>;
  /** Why a capability is false, in plain words. */
  why: Partial<Record<Capability, string>>;
}

export type InjectValue = 'enabled' | 'disabled' | 'ingress';

export interface InjectionRequest {
  value: InjectValue | null;
  dryRun?: boolean;
}

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
}

export interface RestartRequest {
  dryRun?: boolean;
}

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
}

export interface ActivityEntry {
  id: string;
  at: string;
  action: 'set-injection' | 'restart-workload' | 'restart-namespace';
  target: string;
  dryRun: boolean;
  result: 'ok' | 'error';
  detail: string;
  /** The client address (the socket peer unless trusted proxies vouch for another). */
  client: string;
  /** The user an authenticating proxy named (MESHWATCH_AUTH_PROXY_USER_HEADER). */
  user?: string;
}

export interface ActivityResponse {
  entries: ActivityEntry[];
}

/** SSE: `event: change` carries this; `event: status` carries Freshness; comments are heartbeats. */
export interface ChangeEvent {
  namespaces: string[];
  at: string;
  /** True when something cluster-wide changed (webhook, linkerd-config): `namespaces` then lists all. */
  cluster?: boolean;
}

/** GET /api/v1/diagnostics: the server process itself, for leak hunting; no cluster data. */
export interface DiagnosticsResponse {
  /** Open SSE connections (cache subscribers). */
  streams: number;
  rssBytes: number;
  heapUsedBytes: number;
  uptimeSeconds: number;
}
