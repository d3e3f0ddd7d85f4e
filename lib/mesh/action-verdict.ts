// Before anyone clicks: can a restart or an injection change help here, and does it need a second
// confirmation? Built only from the guards (guards.ts) and needsRestart (aggregate.ts), so the button,
// the dialog and the server's refusal always tell the same story.
// - `cannot-help`: the button is off and says why (nothing a click could achieve). The API still takes
//   "force" for these; the UI does not offer it.
// - `guarded`: the button is on; the dialog shows the guard's refusal and asks a second time.
import { needsRestart } from './aggregate.ts';
import {
  injectionGuard,
  restartGuard,
  SYSTEM_NAMESPACES,
  type GuardCluster,
  type GuardCode,
  type GuardWorkload,
} from './guards.ts';

export const CANNOT_HELP_CODES = [
  'host_network',
  'nothing_to_fix',
  'system_namespace',
  'control_plane_namespace',
] as const;
export type CannotHelpCode = (typeof CANNOT_HELP_CODES)[number];

export type ActionVerdict =
  | { state: 'allowed' }
  | { state: 'guarded'; code: GuardCode; reason: string }
  | { state: 'cannot-help'; code: CannotHelpCode; reason: string };

const ALLOWED: ActionVerdict = Object.freeze({ state: 'allowed' });

export interface WorkloadRestartInput {
  namespace: string;
  /** False when the webhook never calls the injector for this namespace. */
  webhookCallsNamespace: boolean;
  cluster: GuardCluster;
  workload: GuardWorkload;
}

/** The Restart button of one workload. */
export function workloadRestartVerdict(input: WorkloadRestartInput): ActionVerdict {
  const { workload, cluster } = input;
  const refusals = restartGuard({ ...input, workloads: [workload], single: true });
  const hostNetwork = refusals.find((r) => r.code === 'host_network');
  if (hostNetwork) return { state: 'cannot-help', code: 'host_network', reason: hostNetwork.message };
  // Without an injector the guard's injector_not_installed refusal says it (a second confirmation):
  // every pod is then "unmeshed", so "nothing to fix" would hide why.
  if (cluster.webhookPresent && !needsRestart(workload.statusCounts)) {
    return {
      state: 'cannot-help',
      code: 'nothing_to_fix',
      reason: `No pod of ${workload.kind} ${workload.name} would change: its pods already match what a restart creates.`,
    };
  }
  const [first] = refusals;
  return first ? { state: 'guarded', code: first.code, reason: first.message } : ALLOWED;
}

/** The "Injection…" button of a namespace. */
export function namespaceInjectionVerdict(
  namespace: string,
  controlPlaneNamespace: string | undefined,
  webhookExcluded: boolean,
): ActionVerdict {
  if (SYSTEM_NAMESPACES.includes(namespace)) {
    return {
      state: 'cannot-help',
      code: 'system_namespace',
      reason: `${namespace} is a Kubernetes system namespace: Linkerd must not inject it (linkerd/linkerd2#3330), so meshwatch offers no injection change here.`,
    };
  }
  if (controlPlaneNamespace !== undefined && namespace === controlPlaneNamespace) {
    return {
      state: 'cannot-help',
      code: 'control_plane_namespace',
      reason: `${namespace} is the Linkerd control plane: its manifests carry their own proxies, and changing its injection can stop the injector.`,
    };
  }
  const [first] = injectionGuard(namespace, controlPlaneNamespace, webhookExcluded);
  return first ? { state: 'guarded', code: first.code, reason: first.message } : ALLOWED;
}
