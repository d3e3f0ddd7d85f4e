import { applyManifest, kubectl, waitForRunningPods } from './kube';

// #25's people on the e2e testbed: alice may change injection and restart in e2e-team-a and view
// e2e-team-b; bob may only view e2e-team-a; e2e-team-c is nobody's. Real ServiceAccounts with
// TokenRequest tokens, as an operator would hand out.
export const PEOPLE_NAMESPACE = 'e2e-people';
export const TEAM_A = 'e2e-team-a';
export const TEAM_B = 'e2e-team-b';
export const TEAM_C = 'e2e-team-c';

const team = (ns: string) => `apiVersion: v1
kind: Namespace
metadata: { name: ${ns}, labels: { meshwatch.io/e2e: "true" } }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: ${ns} }
spec:
  replicas: 1
  selector: { matchLabels: { app.kubernetes.io/name: web } }
  template:
    metadata: { labels: { app.kubernetes.io/name: web } }
    spec:
      containers:
      - { name: app, image: "ghcr.io/acme/web:1.0.0" }
---
`;

const binding = (
  ns: string,
  role: string,
  kind: 'Role' | 'ClusterRole',
  who: string,
) => `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: ${who}-${role}, namespace: ${ns} }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ${kind}, name: ${role} }
subjects: [{ kind: ServiceAccount, name: ${who}, namespace: ${PEOPLE_NAMESPACE} }]
---
`;

const MANIFEST = `${[TEAM_A, TEAM_B, TEAM_C].map(team).join('')}apiVersion: v1
kind: Namespace
metadata: { name: ${PEOPLE_NAMESPACE}, labels: { meshwatch.io/e2e: "true" } }
---
apiVersion: v1
kind: ServiceAccount
metadata: { name: alice, namespace: ${PEOPLE_NAMESPACE} }
---
apiVersion: v1
kind: ServiceAccount
metadata: { name: bob, namespace: ${PEOPLE_NAMESPACE} }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: e2e-viewer }
rules:
- { apiGroups: [""], resources: [pods, events], verbs: [get, list] }
- { apiGroups: [apps], resources: [deployments, statefulsets, daemonsets], verbs: [get] }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: e2e-alice-team-a }
rules:
- { apiGroups: [""], resources: [namespaces], resourceNames: [${TEAM_A}], verbs: [get, patch] }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: e2e-alice-team-a }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: e2e-alice-team-a }
subjects: [{ kind: ServiceAccount, name: alice, namespace: ${PEOPLE_NAMESPACE} }]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: { name: changer, namespace: ${TEAM_A} }
rules:
- { apiGroups: [apps], resources: [deployments, statefulsets, daemonsets], verbs: [get, patch] }
- { apiGroups: [batch], resources: [cronjobs], verbs: [get, patch] }
- { apiGroups: [""], resources: [events], verbs: [create] }
---
${binding(TEAM_A, 'changer', 'Role', 'alice')}${binding(TEAM_A, 'e2e-viewer', 'ClusterRole', 'alice')}${binding(TEAM_B, 'e2e-viewer', 'ClusterRole', 'alice')}${binding(TEAM_A, 'e2e-viewer', 'ClusterRole', 'bob')}`;

export interface Tokens {
  alice: string;
  bob: string;
}

/** Creates (or re-applies) the people and their namespaces; mints a token for each. */
export async function createPeople(): Promise<Tokens> {
  await kubectl(['delete', 'namespace', TEAM_A, '--ignore-not-found', '--wait=true', '--timeout=120s']);
  await applyManifest(MANIFEST);
  await waitForRunningPods(TEAM_A, 'app.kubernetes.io/name=web', 1);
  const token = async (name: string) =>
    (await kubectl(['create', 'token', name, '-n', PEOPLE_NAMESPACE, '--duration=1h'])).trim();
  return { alice: await token('alice'), bob: await token('bob') };
}

export async function deletePeople(): Promise<void> {
  await kubectl(['delete', 'clusterrolebinding,clusterrole', 'e2e-alice-team-a', '--ignore-not-found']);
  await kubectl(['delete', 'clusterrole', 'e2e-viewer', '--ignore-not-found']);
  for (const ns of [TEAM_A, TEAM_B, TEAM_C, PEOPLE_NAMESPACE])
    await kubectl(['delete', 'namespace', ns, '--ignore-not-found', '--wait=false']);
}
