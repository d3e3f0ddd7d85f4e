// When meshwatch refuses an action unless the operator forces it, and the one sentence that says why.
// Two families:
// - guarded namespaces: Kubernetes' own (kube-system, kube-public, kube-node-lease) and Linkerd's control
//   plane. Linkerd's default namespaceSelector already keeps kube-system out (linkerd/linkerd2#3330:
//   injecting it can deadlock the cluster), and restarting the injector under failurePolicy Fail can
//   block every pod creation the webhook sees.
// - restarts that cannot work: the engine knows the new pods would be refused (injector down,
//   failurePolicy Fail), would start without a proxy (injector down, Ignore), or cannot change anything
//   (no injector installed, hostNetwork).
import type { PodStatus, StatusCounts } from './outputs.ts';
import type { ProbeVerdict } from './probe.ts';

export const SYSTEM_NAMESPACES: readonly string[] = ['kube-system', 'kube-public', 'kube-node-lease'];

export const GUARD_CODES = [
  'system_namespace',
  'control_plane_namespace',
  'webhook_excluded',
  'injector_not_installed',
  'injector_down_fail',
  'injector_down_ignore',
  'host_network',
] as const;
export type GuardCode = (typeof GUARD_CODES)[number];

export interface GuardRefusal {
  code: GuardCode;
  /** `guarded`: answered 403; `cannot-work`: answered 409. Both pass with an explicit force. */
  family: 'guarded' | 'cannot-work';
  message: string;
}

/** What the guards need to know about the cluster (a subset of ClusterSummary, plus the probe). */
export interface GuardCluster {
  controlPlaneNamespace?: string;
  webhookPresent: boolean;
  failurePolicy?: string;
  injectorPods: { total: number; ready: number };
  probe?: Pick<ProbeVerdict, 'state'>;
}

export interface GuardWorkload {
  kind: string;
  name: string;
  statusCounts: StatusCounts;
  /** Reason codes of the injector's decision for the current template. */
  templateReasons: readonly string[];
  /** The template asks for hostNetwork: known even when no webhook calls the injector's checks. */
  hostNetwork?: boolean;
}

const NEEDS_INJECTION: readonly PodStatus[] = ['missing-proxy', 'outdated-proxy'];

export function guardMessage(code: GuardCode, subject: string): string {
  switch (code) {
    case 'system_namespace':
      return `${subject} is a Kubernetes system namespace: changing injection or restarting workloads there can break the cluster itself, so meshwatch refuses unless forced.`;
    case 'control_plane_namespace':
      return `${subject} is the Linkerd control plane: restarting it or changing its injection can stop the injector and, with failurePolicy Fail, block every pod creation the webhook sees, so meshwatch refuses unless forced.`;
    case 'webhook_excluded':
      return `The injector's webhook is never called for ${subject} (its namespaceSelector or rules leave it out): new pods there start without a proxy whatever linkerd.io/inject says, so meshwatch asks for a second confirmation.`;
    case 'injector_not_installed':
      return `No proxy injector webhook is installed, so a restart of ${subject} cannot inject a proxy; install the Linkerd control plane first.`;
    case 'injector_down_fail':
      return `The proxy injector is not answering and the webhook's failurePolicy is Fail: the new pods of ${subject} would be refused and the rollout would stall; bring the injector back first.`;
    case 'injector_down_ignore':
      return `The proxy injector is not answering and the webhook's failurePolicy is Ignore: the new pods of ${subject} would start without a proxy; bring the injector back first.`;
    case 'host_network':
      return `${subject} uses hostNetwork, which Linkerd never injects: a restart cannot mesh it.`;
  }
}

const GUARDED_CODES: readonly GuardCode[] = [
  'system_namespace',
  'control_plane_namespace',
  'webhook_excluded',
];

function refusal(code: GuardCode, subject: string): GuardRefusal {
  const family = GUARDED_CODES.includes(code) ? 'guarded' : 'cannot-work';
  return { code, family, message: guardMessage(code, subject) };
}

/**
 * Kube's own namespaces, Linkerd's control plane and namespaces the webhook never calls the injector for
 * refuse injection changes and restarts by default (a second confirmation passes).
 */
export function namespaceGuard(
  namespace: string,
  controlPlaneNamespace?: string,
  webhookExcluded = false,
): GuardRefusal | undefined {
  if (SYSTEM_NAMESPACES.includes(namespace)) return refusal('system_namespace', `Namespace ${namespace}`);
  if (controlPlaneNamespace && namespace === controlPlaneNamespace)
    return refusal('control_plane_namespace', `Namespace ${namespace}`);
  if (webhookExcluded) return refusal('webhook_excluded', `namespace ${namespace}`);
  return undefined;
}

/**
 * Is the injector answering? The probe (a dry-run pod CREATE) is the truth when it ran; without it the
 * injector pods' readiness, when the control plane is known. undefined: nobody can tell.
 */
export function injectorDown(cluster: GuardCluster): boolean | undefined {
  const state = cluster.probe?.state;
  if (state === 'answering' || state === 'not-injecting') return false;
  if (state === 'failing' || state === 'bypassed') return true;
  if (!cluster.controlPlaneNamespace) return undefined;
  return cluster.injectorPods.ready === 0;
}

function fixable(w: GuardWorkload, statuses: readonly PodStatus[]): number {
  return statuses.reduce((sum, status) => sum + w.statusCounts[status], 0);
}

export interface RestartGuardInput {
  namespace: string;
  /** False when the webhook's namespaceSelector excludes the namespace (the injector is never called). */
  webhookCallsNamespace: boolean;
  cluster: GuardCluster;
  /** What would be restarted; empty means nothing would (no cannot-work refusal then). */
  workloads: readonly GuardWorkload[];
  /** A single workload restart (the button), rather than "restart what needs it" in a namespace. */
  single: boolean;
}

/** Every refusal for a restart, guarded namespace first; empty when it may go ahead. */
export function restartGuard(input: RestartGuardInput): GuardRefusal[] {
  const out: GuardRefusal[] = [];
  const guarded = namespaceGuard(
    input.namespace,
    input.cluster.controlPlaneNamespace,
    input.cluster.webhookPresent && !input.webhookCallsNamespace,
  );
  if (guarded) out.push(guarded);
  const { workloads, cluster } = input;
  if (workloads.length === 0) return out;
  const subject =
    workloads.length === 1 && workloads[0]
      ? `${workloads[0].kind} ${workloads[0].name}`
      : `${workloads.length} workloads in ${input.namespace}`;
  // hostNetwork first: with or without an injector, a restart cannot mesh it.
  if (input.single && workloads.length === 1 && workloads[0]) {
    const w = workloads[0];
    const hostNetwork = w.hostNetwork === true || w.templateReasons.includes('host_network_enabled');
    if (hostNetwork && fixable(w, ['unwanted-proxy']) === 0)
      return [...out, refusal('host_network', subject)];
  }
  if (!cluster.webhookPresent) {
    // Without an injector a restart can still remove a proxy nobody wants any more.
    if (workloads.every((w) => w.statusCounts['unwanted-proxy'] === 0))
      out.push(refusal('injector_not_installed', subject));
    return out;
  }
  if (!input.webhookCallsNamespace || injectorDown(cluster) !== true) return out;
  if (cluster.failurePolicy !== 'Ignore') out.push(refusal('injector_down_fail', subject));
  else if (workloads.some((w) => fixable(w, NEEDS_INJECTION) > 0))
    out.push(refusal('injector_down_ignore', subject));
  return out;
}

/** An injection change: only the namespace guard applies. */
export function injectionGuard(
  namespace: string,
  controlPlaneNamespace?: string,
  webhookExcluded = false,
): GuardRefusal[] {
  const guarded = namespaceGuard(namespace, controlPlaneNamespace, webhookExcluded);
  return guarded ? [guarded] : [];
}
