// The differential matrix: every combination of the namespace's and the pod template's
// `linkerd.io/inject`, hostNetwork, an existing (istio) sidecar, the namespace's
// admission-webhooks opt-out label and an objectSelector-excluded pod label, each created twice:
// as a bare Pod and as a one-replica Deployment (whose owner gets the injector's events).

export const INJECT_CHOICES: readonly (string | undefined)[] = [
  undefined,
  'enabled',
  'disabled',
  'ingress',
  'true',
];

export type CaseKind = 'Pod' | 'Deployment';

export interface DiffCase {
  id: string;
  kind: CaseKind;
  namespace: string;
  /** Pod or Deployment name. */
  name: string;
  nsInject: string | undefined;
  nsWebhooksDisabled: boolean;
  podInject: string | undefined;
  hostNetwork: boolean;
  istioSidecar: boolean;
  controlPlaneLabel: boolean;
  /** Pod-level automountServiceAccountToken; undefined = not set. */
  automount?: boolean;
  /** A ServiceAccount (created with automountServiceAccountToken: false) instead of `default`. */
  serviceAccount?: string;
  /** The first container declares its own (projected) token volume at the service-account path. */
  declaredTokenMount?: boolean;
}

const token = (v: string | undefined) => (v === undefined ? 'none' : v === 'true' ? 'true' : v.slice(0, 3));

export function namespaceName(run: string, nsInject: string | undefined, webhooksDisabled: boolean): string {
  return `dt-${run}-${token(nsInject)}-${webhooksDisabled ? 'whoff' : 'whon'}`;
}

export function buildCases(run: string, kinds: readonly CaseKind[] = ['Pod', 'Deployment']): DiffCase[] {
  const cases: DiffCase[] = [];
  for (const nsInject of INJECT_CHOICES)
    for (const nsWebhooksDisabled of [false, true])
      for (const podInject of INJECT_CHOICES)
        for (const hostNetwork of [false, true])
          for (const istioSidecar of [false, true])
            for (const controlPlaneLabel of [false, true])
              for (const kind of kinds) {
                const namespace = namespaceName(run, nsInject, nsWebhooksDisabled);
                const name = `${kind === 'Pod' ? 'p' : 'd'}-${token(podInject)}-h${+hostNetwork}-s${+istioSidecar}-o${+controlPlaneLabel}`;
                cases.push({
                  id: `${namespace}/${name}`,
                  kind,
                  namespace,
                  name,
                  nsInject,
                  nsWebhooksDisabled,
                  podInject,
                  hostNetwork,
                  istioSidecar,
                  controlPlaneLabel,
                });
              }
  return cases;
}

/** The ServiceAccount the automount matrix uses: it turns the token mount off for pods that don't say. */
export const NO_AUTOMOUNT_SA = 'no-automount';

/** Where the API server's ServiceAccount admission plugin mounts the token. */
export const TOKEN_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';

/**
 * A second, small matrix for `identity.serviceAccountTokenProjection: false` (set that on the control
 * plane first): pod automountServiceAccountToken unset/true/false × default SA or one with automount off
 * × a first container that declares its own token mount at the service-account path or not, in a
 * namespace annotated enabled.
 */
export function buildAutomountCases(
  run: string,
  kinds: readonly CaseKind[] = ['Pod', 'Deployment'],
): DiffCase[] {
  const cases: DiffCase[] = [];
  const namespace = `dt-${run}-sa-en`;
  for (const automount of [undefined, true, false])
    for (const serviceAccount of [undefined, NO_AUTOMOUNT_SA])
      for (const declaredTokenMount of [false, true])
        for (const kind of kinds) {
          const name = `${kind === 'Pod' ? 'p' : 'd'}-am${automount === undefined ? 'unset' : automount}-${serviceAccount ? 'sanoam' : 'sadef'}${declaredTokenMount ? '-vm' : ''}`;
          cases.push({
            id: `${namespace}/${name}`,
            kind,
            namespace,
            name,
            nsInject: 'enabled',
            nsWebhooksDisabled: false,
            podInject: undefined,
            hostNetwork: false,
            istioSidecar: false,
            controlPlaneLabel: false,
            automount,
            serviceAccount,
            declaredTokenMount,
          });
        }
  return cases;
}

export function namespaceManifests(cases: DiffCase[]): object[] {
  const seen = new Map<string, object>();
  for (const c of cases) {
    if (seen.has(c.namespace)) continue;
    const annotations: Record<string, string> = {};
    if (c.nsInject !== undefined) annotations['linkerd.io/inject'] = c.nsInject;
    const labels: Record<string, string> = { 'meshwatch.io/differential': 'true' };
    if (c.nsWebhooksDisabled) labels['config.linkerd.io/admission-webhooks'] = 'disabled';
    seen.set(c.namespace, {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: c.namespace, labels, annotations },
    });
  }
  const serviceAccounts = new Map<string, object>();
  for (const c of cases) {
    if (!c.serviceAccount) continue;
    const key = `${c.namespace}/${c.serviceAccount}`;
    if (!serviceAccounts.has(key))
      serviceAccounts.set(key, {
        apiVersion: 'v1',
        kind: 'ServiceAccount',
        metadata: { name: c.serviceAccount, namespace: c.namespace },
        automountServiceAccountToken: false,
      });
  }
  return [...seen.values(), ...serviceAccounts.values()];
}

/** A hand-written projected token volume, as hardening guides suggest alongside automount off. */
const OWN_TOKEN_VOLUME = {
  name: 'own-token',
  projected: { sources: [{ serviceAccountToken: { path: 'token', expirationSeconds: 3600 } }] },
};

function podTemplate(c: DiffCase) {
  const labels: Record<string, string> = { app: c.name };
  if (c.controlPlaneLabel) labels['linkerd.io/control-plane-component'] = 'differential-test';
  const annotations: Record<string, string> = {};
  if (c.podInject !== undefined) annotations['linkerd.io/inject'] = c.podInject;
  const app: Record<string, unknown> = { name: 'app', image: 'registry.k8s.io/pause:3.10' };
  if (c.declaredTokenMount) app.volumeMounts = [{ name: 'own-token', mountPath: TOKEN_PATH, readOnly: true }];
  const containers: object[] = [app];
  if (c.istioSidecar) containers.push({ name: 'istio-proxy', image: 'docker.io/istio/proxyv2:1.27.0' });
  return {
    metadata: { labels, annotations },
    // No ports: hostNetwork pods with a containerPort would claim that host port and stay Pending.
    spec: {
      hostNetwork: c.hostNetwork,
      containers,
      terminationGracePeriodSeconds: 0,
      ...(c.automount === undefined ? {} : { automountServiceAccountToken: c.automount }),
      ...(c.serviceAccount ? { serviceAccountName: c.serviceAccount } : {}),
      ...(c.declaredTokenMount ? { volumes: [OWN_TOKEN_VOLUME] } : {}),
    },
  };
}

export function caseManifest(c: DiffCase): object {
  const template = podTemplate(c);
  if (c.kind === 'Pod') {
    return {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: c.name, namespace: c.namespace, ...template.metadata },
      spec: template.spec,
    };
  }
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: c.name, namespace: c.namespace, labels: { app: c.name } },
    spec: { replicas: 1, selector: { matchLabels: { app: c.name } }, template },
  };
}

/** The pod spec as submitted (before any mutation), in the shape the engine's reshaper reads. */
export function submittedTemplate(c: DiffCase): { metadata: object; spec: object } {
  return podTemplate(c);
}
