import type {
  ActionVerdict,
  CapabilitiesResponse,
  Capability,
  Restartability,
  WorkloadKind,
} from '@/lib/api/dto';

// Why an action button is turned off, in words an operator can act on. null means "allowed".
// The server enforces all of this again; the UI only explains it before anyone clicks.

export const READ_ONLY_REASON =
  'Read-only mode: this meshwatch was started with MESHWATCH_READ_ONLY=true, so it shows the cluster but changes nothing.';

const RESTART_CAPABILITY: Partial<Record<WorkloadKind, Capability>> = {
  Deployment: 'patchDeployments',
  StatefulSet: 'patchStatefulSets',
  DaemonSet: 'patchDaemonSets',
};

const DEFAULT_WHY: Record<Capability, string> = {
  patchNamespaces: "meshwatch's Kubernetes identity may not patch namespaces.",
  patchDeployments: "meshwatch's Kubernetes identity may not patch Deployments.",
  patchStatefulSets: "meshwatch's Kubernetes identity may not patch StatefulSets.",
  patchDaemonSets: "meshwatch's Kubernetes identity may not patch DaemonSets.",
  patchCronJobs: "meshwatch's Kubernetes identity may not patch CronJobs.",
  createEvents: "meshwatch's Kubernetes identity may not create events.",
};

export interface CapabilityState {
  data?: CapabilitiesResponse;
  error?: unknown;
}

/** Why no action can run at all yet: the capabilities are unknown or meshwatch is read-only. */
function noActionsReason({ data, error }: CapabilityState): string | null {
  if (error && !data) return 'Permissions could not be checked, so actions are off until the server answers.';
  if (!data) return 'Checking permissions…';
  if (data.readOnly) return READ_ONLY_REASON;
  return null;
}

function denied(data: CapabilitiesResponse, capability: Capability): string | null {
  if (data.can[capability]) return null;
  return data.why[capability] ?? DEFAULT_WHY[capability];
}

export function injectionBlockedReason(state: CapabilityState): string | null {
  return noActionsReason(state) ?? denied(state.data!, 'patchNamespaces');
}

export function workloadRestartBlockedReason(
  state: CapabilityState,
  workload: { kind: WorkloadKind; restart: Restartability },
): string | null {
  const none = noActionsReason(state);
  if (none) return none;
  if (!workload.restart.restartable) return workload.restart.why ?? 'This workload cannot be restarted.';
  const capability = RESTART_CAPABILITY[workload.kind];
  return capability
    ? denied(state.data!, capability)
    : 'Only Deployments, StatefulSets and DaemonSets restart.';
}

/** A pod's fix button acts on its workload; without the workload summary only kind and RBAC are known. */
export function kindRestartBlockedReason(state: CapabilityState, kind: WorkloadKind): string | null {
  const none = noActionsReason(state);
  if (none) return none;
  const capability = RESTART_CAPABILITY[kind];
  return capability
    ? denied(state.data!, capability)
    : 'Only Deployments, StatefulSets and DaemonSets restart.';
}

export function namespaceRestartBlockedReason(
  state: CapabilityState,
  workloadsNeedingRestart: number,
): string | null {
  const none = noActionsReason(state);
  if (none) return none;
  const data = state.data!;
  const kinds: Capability[] = ['patchDeployments', 'patchStatefulSets', 'patchDaemonSets'];
  if (kinds.every((capability) => !data.can[capability])) {
    return kinds.map((capability) => denied(data, capability)).find(Boolean) ?? DEFAULT_WHY.patchDeployments;
  }
  if (workloadsNeedingRestart === 0) return 'No workload here needs a restart.';
  return null;
}

const TEMPLATE_CAPABILITY: Partial<Record<WorkloadKind, Capability>> = {
  ...RESTART_CAPABILITY,
  CronJob: 'patchCronJobs',
};

/** Workload opt-in/out and workload lint fixes patch the workload itself. */
export function workloadChangeBlockedReason(state: CapabilityState, kind: WorkloadKind): string | null {
  const none = noActionsReason(state);
  if (none) return none;
  const capability = TEMPLATE_CAPABILITY[kind];
  return capability
    ? denied(state.data!, capability)
    : `meshwatch edits the pod templates of Deployments, StatefulSets, DaemonSets and CronJobs, not a ${kind}'s.`;
}

/** A metadata change (workload opt-in/out, lint fix) on a Namespace or a workload's pod template. */
export function metadataChangeBlockedReason(
  state: CapabilityState,
  kind: 'Namespace' | WorkloadKind,
): string | null {
  return kind === 'Namespace' ? injectionBlockedReason(state) : workloadChangeBlockedReason(state, kind);
}

/**
 * The engine's "cannot help" verdict turns a button off with its sentence; a guarded verdict leaves it on
 * (the dialog shows the refusal and asks a second time).
 */
export function cannotHelpReason(verdict: ActionVerdict | undefined): string | null {
  return verdict?.state === 'cannot-help' ? verdict.reason : null;
}
