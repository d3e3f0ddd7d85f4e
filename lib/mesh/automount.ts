// The service-account token check. With identity.serviceAccountTokenProjection off the proxy reads its
// identity token from the service-account mount, so Linkerd 2.20's webhook (pkg/inject/report.go
// newReport) skips a pod whose spec says automountServiceAccountToken: false, or whose FIRST container
// has no volume mount at /var/run/secrets/kubernetes.io/serviceaccount (inject.go
// serviceAccountVolumeMount). The API server's ServiceAccount admission plugin, which runs before
// mutating webhooks, adds that mount only when automount is on: the pod's own setting, else its
// ServiceAccount's. A template that leaves it unset therefore depends on a ServiceAccount the snapshot
// does not hold; the pods admitted from it are the evidence.
import { resolveOwner, type SnapshotIndex } from './owners.ts';
import { REASONS } from './reasons.ts';
import { PROXY_CONTAINER_NAME } from './sidecar.ts';
import { constantSteps, injectorStep } from './trace-memo.ts';
import type { PodRecord, PodSpecRecord, TraceStep, WorkloadRecord } from './types.ts';

export const TOKEN_MOUNT_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';

/** Whether a pod admitted by the API server got the token mount in its first container, and who showed it. */
export interface TokenMountEvidence {
  mounted: boolean;
  /** For the trace, e.g. "container app of pod web-5d8f7c-x2x9z". */
  seenOn: string;
}

/** The ServiceAccount the pod runs as: the API server fills in `default` when the spec names none. */
export function serviceAccountOf(spec: PodSpecRecord): string {
  return spec.serviceAccountName || 'default';
}

/** What a live pod shows; undefined when its record does not say (e.g. built without the mount fact). */
export function podTokenMount(pod: PodRecord): TokenMountEvidence | undefined {
  if (pod.firstContainerTokenMount === undefined) return undefined;
  const first = pod.containers.find((c) => c.name !== PROXY_CONTAINER_NAME);
  const who = first ? `container ${first.name} of pod ${pod.name}` : `pod ${pod.name}`;
  return { mounted: pod.firstContainerTokenMount, seenOn: who };
}

/**
 * The evidence that applies to a template: its own mount fact first (an admitted bare pod, or a
 * template whose first container declares the mount), else a pod admitted from it.
 */
export function tokenMountFor(
  template: PodSpecRecord,
  source: string,
  fromPod: TokenMountEvidence | undefined,
): TokenMountEvidence | undefined {
  if (template.firstContainerTokenMount === undefined) return fromPod;
  return { mounted: template.firstContainerTokenMount, seenOn: `the first container of ${source}` };
}

/**
 * For each template owner, the newest of its pods whose mount was the ServiceAccount's doing: it left
 * automount unset and runs as the ServiceAccount the current template names, so a restart gets the same
 * (unless the ServiceAccount changed since). One pass, and one piece of evidence per controller, so the
 * pods of a controller keep sharing one decision.
 */
export function ownerTokenMounts(
  pods: readonly PodRecord[],
  index: SnapshotIndex,
  namespace?: string,
): Map<WorkloadRecord, TokenMountEvidence> {
  const newest = new Map<WorkloadRecord, { pod: PodRecord; at: number }>();
  for (const pod of pods) {
    if (namespace !== undefined && pod.namespace !== namespace) continue;
    if (pod.automountServiceAccountToken !== undefined || pod.firstContainerTokenMount === undefined)
      continue;
    const owner = resolveOwner(pod, index).templateOwner;
    if (!owner || serviceAccountOf(owner.template) !== serviceAccountOf(pod)) continue;
    const parsed = Date.parse(pod.createdAt);
    const at = Number.isNaN(parsed) ? -Infinity : parsed;
    const seen = newest.get(owner);
    if (!seen || at > seen.at) newest.set(owner, { pod, at });
  }
  const evidence = new Map<WorkloadRecord, TokenMountEvidence>();
  for (const [owner, { pod }] of newest) {
    const shown = podTokenMount(pod);
    if (shown) evidence.set(owner, shown);
  }
  return evidence;
}

/** report.go newReport (webhook origin): an explicit setting decides; unset, the evidence of the mount does. */
export function automountBlocks(
  projection: boolean,
  template: PodSpecRecord,
  evidence: TokenMountEvidence | undefined,
): boolean {
  if (projection) return false;
  const automount = template.automountServiceAccountToken;
  if (automount !== undefined) return !automount;
  return evidence?.mounted === false;
}

const RULE = 'automountServiceAccountToken';
const LINKERD_SAYS = `Linkerd: ${REASONS.disabled_automount_service_account_token_account.message}`;
const PROJECTED_UNSET = constantSteps(
  RULE,
  'pass',
  'automountServiceAccountToken is not set; identity.serviceAccountTokenProjection is on, so the proxy gets a projected token whatever the ServiceAccount says',
);
const PROJECTED_TRUE = constantSteps(RULE, 'pass', 'automountServiceAccountToken is true');
const PROJECTED_FALSE = constantSteps(
  RULE,
  'pass',
  'automountServiceAccountToken is false, but identity.serviceAccountTokenProjection is on: the proxy gets a projected token',
);
const MOUNTED_TRUE = constantSteps(
  RULE,
  'pass',
  `automountServiceAccountToken is true: the API server mounts the token at ${TOKEN_MOUNT_PATH}, which the proxy needs with identity.serviceAccountTokenProjection off`,
);
const MOUNTED_FALSE = constantSteps(
  RULE,
  'block',
  `automountServiceAccountToken is false and identity.serviceAccountTokenProjection is off: the proxy would have no identity token (${LINKERD_SAYS})`,
);

export interface AutomountFacts {
  template: PodSpecRecord;
  projection: boolean;
  evidence: TokenMountEvidence | undefined;
  called: boolean;
}

/** The automount step of a decision's trace: what was checked, and the evidence used when the ServiceAccount decides. */
export function automountStep({ template, projection, evidence, called }: AutomountFacts): TraceStep {
  const automount = template.automountServiceAccountToken;
  const pick = (steps: readonly [TraceStep, TraceStep]) => steps[called ? 1 : 0];
  if (projection) {
    if (automount === undefined) return pick(PROJECTED_UNSET);
    return pick(automount ? PROJECTED_TRUE : PROJECTED_FALSE);
  }
  if (automount !== undefined) return pick(automount ? MOUNTED_TRUE : MOUNTED_FALSE);
  const lead = `automountServiceAccountToken is not set, so ServiceAccount ${serviceAccountOf(template)}'s automountServiceAccountToken decides whether the API server mounts the token at ${TOKEN_MOUNT_PATH}; with identity.serviceAccountTokenProjection off the injector requires that mount in the first container`;
  if (!evidence)
    return injectorStep(
      RULE,
      'pass',
      `${lead}. No admitted pod shows it, so it is assumed mounted: if the ServiceAccount says false, the injector skips the pod (${LINKERD_SAYS})`,
      called,
    );
  if (evidence.mounted) return injectorStep(RULE, 'pass', `${lead}: ${evidence.seenOn} has it`, called);
  return injectorStep(
    RULE,
    'block',
    `${lead}: ${evidence.seenOn} has none, so the ServiceAccount does not automount and a recreated pod gets none either (${LINKERD_SAYS})`,
    called,
  );
}
