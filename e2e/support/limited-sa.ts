import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { applyManifest, kubectl, kubectlJson } from './kube';
import { E2E_WORK_DIR } from './paths';

export const VIEWER_NAMESPACE = 'meshwatch-e2e';
export const VIEWER_ACCOUNT = 'meshwatch-viewer';

// Everything meshwatch reads, and nothing it writes: the RBAC a cautious team would hand out first.
const VIEWER_RBAC = `
apiVersion: v1
kind: Namespace
metadata: { name: ${VIEWER_NAMESPACE} }
---
apiVersion: v1
kind: ServiceAccount
metadata: { name: ${VIEWER_ACCOUNT}, namespace: ${VIEWER_NAMESPACE} }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: meshwatch-e2e-viewer }
rules:
- apiGroups: [""]
  resources: [namespaces, pods, events, configmaps]
  verbs: [get, list, watch]
- apiGroups: [apps]
  resources: [deployments, statefulsets, daemonsets, replicasets]
  verbs: [get, list, watch]
- apiGroups: [batch]
  resources: [jobs, cronjobs]
  verbs: [get, list, watch]
- apiGroups: [admissionregistration.k8s.io]
  resources: [mutatingwebhookconfigurations]
  verbs: [get, list, watch]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: meshwatch-e2e-viewer }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: meshwatch-e2e-viewer }
subjects:
- { kind: ServiceAccount, name: ${VIEWER_ACCOUNT}, namespace: ${VIEWER_NAMESPACE} }
`;

interface KubeconfigView {
  clusters: {
    name: string;
    cluster: { server: string; 'certificate-authority-data'?: string; 'insecure-skip-tls-verify'?: boolean };
  }[];
}

/**
 * A real ServiceAccount with read-only RBAC and a short-lived token (TokenRequest API), written as a
 * kubeconfig meshwatch can run under. Idempotent.
 */
export async function limitedKubeconfig(): Promise<string> {
  await applyManifest(VIEWER_RBAC);
  const token = (
    await kubectl(['create', 'token', VIEWER_ACCOUNT, '-n', VIEWER_NAMESPACE, '--duration=2h'])
  ).trim();
  const view = await kubectlJson<KubeconfigView>(['config', 'view', '--raw', '--minify']);
  const cluster = view.clusters[0]?.cluster;
  if (!cluster) throw new Error('The testbed kubeconfig has no cluster entry.');
  const kubeconfig = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'testbed', cluster }],
    users: [{ name: VIEWER_ACCOUNT, user: { token } }],
    contexts: [{ name: 'testbed-viewer', context: { cluster: 'testbed', user: VIEWER_ACCOUNT } }],
    'current-context': 'testbed-viewer',
  };
  mkdirSync(E2E_WORK_DIR, { recursive: true });
  const file = path.join(E2E_WORK_DIR, 'kubeconfig-viewer.json');
  writeFileSync(file, JSON.stringify(kubeconfig, null, 2), { mode: 0o600 });
  return file;
}

/** Removes the viewer account and its RBAC so the shared testbed is left as it was found. */
export async function removeLimitedAccount(): Promise<void> {
  await kubectl(['delete', 'clusterrolebinding,clusterrole', 'meshwatch-e2e-viewer', '--ignore-not-found']);
  await kubectl(['delete', 'namespace', VIEWER_NAMESPACE, '--ignore-not-found', '--wait=false']);
}
