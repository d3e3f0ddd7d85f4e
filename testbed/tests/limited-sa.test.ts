// meshwatch running as a ServiceAccount that may only get/list/watch: real RBAC denies every patch,
// the API answers 403 with the API server's reason, capabilities say false. Then a namespaced Role
// allows patching Deployments only: the namespace restart reports per-workload done / failed (why).
// It may not read Events either: the pod route still answers, with eventsError.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CapabilitiesResponse, NamespaceResponse, PodResponse, RestartResponse } from '@/lib/api/dto';
import { Api, errorOf } from './helpers/api';
import {
  applyAll,
  daemonSetYaml,
  deploymentYaml,
  installInjectorWebhook,
  namespaceYaml,
  waitForRunningPods,
} from './helpers/fixtures';
import { startServer, type MeshwatchServer } from './helpers/server';
import {
  adminCluster,
  apply,
  deleteNamespaces,
  kubectl,
  kubectlJson,
  requireTestbed,
  testName,
  until,
} from './helpers/testbed';

const ns = testName('rbac');
const sa = 'meshwatch-viewer';
const clusterRole = `${ns}-viewer`;
let removeWebhook: (() => Promise<void>) | undefined;
let server: MeshwatchServer;
let api: Api;

beforeAll(async () => {
  requireTestbed();
  await applyAll(
    namespaceYaml(ns, { 'linkerd.io/inject': 'enabled' }, { 'meshwatch.io/injector-test': ns }),
    deploymentYaml(ns, 'web'),
    daemonSetYaml(ns, 'agent'),
    `apiVersion: v1
kind: ServiceAccount
metadata: { name: ${sa}, namespace: ${ns} }
`,
    `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: ${clusterRole}, labels: { meshwatch.io/integration-test: "true" } }
rules:
- { apiGroups: [""], resources: [namespaces, pods, configmaps], verbs: [get, list, watch] }
- { apiGroups: [apps], resources: [deployments, statefulsets, daemonsets, replicasets], verbs: [get, list, watch] }
- { apiGroups: [batch], resources: [jobs, cronjobs], verbs: [get, list, watch] }
- { apiGroups: [admissionregistration.k8s.io], resources: [mutatingwebhookconfigurations], verbs: [get, list, watch] }
`,
    `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: ${clusterRole}, labels: { meshwatch.io/integration-test: "true" } }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: ${clusterRole} }
subjects: [{ kind: ServiceAccount, name: ${sa}, namespace: ${ns} }]
`,
  );
  await waitForRunningPods(ns, 1 + 3);
  removeWebhook = await installInjectorWebhook(`${ns}-injector`, { 'meshwatch.io/injector-test': ns });

  const token = (await kubectl(['create', 'token', sa, '-n', ns, '--duration', '1h'])).stdout.trim();
  const { server: apiServer, caData } = adminCluster();
  const dir = mkdtempSync(path.join(tmpdir(), 'meshwatch-sa-'));
  const kubeconfig = path.join(dir, 'kubeconfig');
  writeFileSync(
    kubeconfig,
    `apiVersion: v1
kind: Config
clusters: [{ name: testbed, cluster: { server: "${apiServer}", certificate-authority-data: "${caData}" } }]
users: [{ name: ${sa}, user: { token: "${token}" } }]
contexts: [{ name: limited, context: { cluster: testbed, user: ${sa} } }]
current-context: limited
`,
    { mode: 0o600 },
  );
  server = await startServer({ name: 'limited-sa', env: { KUBECONFIG: kubeconfig } });
  api = new Api(server);
  await until('the cache to see the namespace with the injector', async () => {
    const view = await api.get<NamespaceResponse>(`/api/v1/namespaces/${ns}`);
    return view.status === 200 && view.body.pods.some((p) => p.status === 'missing-proxy');
  });
});

afterAll(async () => {
  await server?.stop();
  await removeWebhook?.();
  await kubectl(['delete', 'clusterrolebinding,clusterrole', clusterRole, '--ignore-not-found'], {
    allowFailure: true,
  });
  await deleteNamespaces([ns]);
});

describe('a read-only ServiceAccount', () => {
  it('reads the cluster', async () => {
    expect((await api.get('/api/readyz')).status).toBe(200);
    expect((await api.get('/api/v1/overview')).status).toBe(200);
  });

  it('explains a pod even when it may not read events, and says why the events are missing', async () => {
    const view = await api.get<NamespaceResponse>(`/api/v1/namespaces/${ns}`);
    const pod = view.body.pods.find((p) => p.workload?.name === 'web')?.name ?? '';
    const res = await api.get<PodResponse>(`/api/v1/namespaces/${ns}/pods/${pod}`);
    expect(res.status).toBe(200);
    expect(res.body.pod.trace.length).toBeGreaterThan(0);
    expect(res.body.events).toEqual([]);
    expect(res.body.eventsError).toMatch(/cannot list resource "events"/);
  });

  it('capabilities say false, with why', async () => {
    const { status, body } = await api.get<CapabilitiesResponse>('/api/v1/capabilities');
    expect(status).toBe(200);
    expect(body.readOnly).toBe(false);
    expect(body.can).toEqual({
      patchNamespaces: false,
      patchDeployments: false,
      patchStatefulSets: false,
      patchDaemonSets: false,
      patchCronJobs: false,
      createEvents: false,
    });
    expect(body.why.patchNamespaces).toMatch(/may not patch namespaces/);
  });

  it('a namespace patch answers 403 with the API server’s reason and changes nothing', async () => {
    const before = await kubectlJson<{ metadata: { resourceVersion: string } }>(['get', 'namespace', ns]);
    const res = await api.post(`/api/v1/namespaces/${ns}/injection`, { value: 'disabled' });
    expect(res.status).toBe(403);
    const error = errorOf(res);
    expect(error.code).toBe('forbidden');
    expect(error.message).toContain(`system:serviceaccount:${ns}:${sa}`);
    expect(error.message).toMatch(/cannot (get|patch) resource "namespaces"/);
    expect(error.message).not.toMatch(/[{}]/);
    const after = await kubectlJson<{ metadata: { resourceVersion: string } }>(['get', 'namespace', ns]);
    expect(after.metadata.resourceVersion).toBe(before.metadata.resourceVersion);
    expect(server.jsonLines().some((l) => l.action === 'set-injection' && l.result === 'error')).toBe(true);
  });

  it('a workload restart answers 403 forbidden', async () => {
    const res = await api.post(`/api/v1/workloads/${ns}/Deployment/web/restart`, {});
    expect(res.status).toBe(403);
    expect(errorOf(res).message).toMatch(/cannot patch resource "deployments"/);
  });

  it('a namespace restart where every workload is denied answers 403', async () => {
    const res = await api.post(`/api/v1/namespaces/${ns}/restart`, {});
    expect(res.status).toBe(403);
    expect(errorOf(res).code).toBe('forbidden');
  });

  it('with patch on Deployments only, the namespace restart reports done and failed (why)', async () => {
    await apply(`apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: { name: patch-deployments, namespace: ${ns} }
rules: [{ apiGroups: [apps], resources: [deployments], verbs: [patch] }]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: patch-deployments, namespace: ${ns} }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: Role, name: patch-deployments }
subjects: [{ kind: ServiceAccount, name: ${sa}, namespace: ${ns} }]
`);
    const res = await until('RBAC to allow the Deployment patch', async () => {
      const answer = await api.post<RestartResponse>(`/api/v1/namespaces/${ns}/restart`, {});
      return answer.status === 200 ? answer : undefined;
    });
    const byName = Object.fromEntries(res.body.results.map((r) => [`${r.kind}/${r.name}`, r]));
    expect(byName['Deployment/web']).toMatchObject({ result: 'done' });
    expect(byName['DaemonSet/agent']).toMatchObject({ result: 'failed' });
    expect(byName['DaemonSet/agent']?.why).toMatch(/cannot patch resource "daemonsets"/);
    // The Event could not be written (no create on events): the action still counts, the log says why.
    const line = server.jsonLines().find((l) => l.action === 'restart-workload' && l.result === 'ok');
    expect(line?.eventError).toMatch(/forbidden|cannot create/);
  });
});
