// The engine's verdicts on the action buttons, as the API carries them (#12): a hostNetwork DaemonSet's
// Restart cannot help, injection on kube's own namespaces cannot help, a namespace the injector's webhook
// leaves out is guarded (the server refuses with 403 webhook_excluded unless forced), and a workload with
// nothing to fix cannot help once an injector is installed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NamespaceResponse, OverviewResponse } from '@/lib/api/dto';
import { Api, errorOf } from './helpers/api';
import {
  applyAll,
  deploymentYaml,
  installInjectorWebhook,
  namespaceYaml,
  waitForRunningPods,
} from './helpers/fixtures';
import { startServer, type MeshwatchServer } from './helpers/server';
import { ADMIN_KUBECONFIG, deleteNamespaces, requireTestbed, testName, until } from './helpers/testbed';

const ns = testName('pod-verdict');
const outside = testName('verdict-out');
const SCOPE = { 'meshwatch.io/verdict-scope': ns };
let server: MeshwatchServer;
let api: Api;
let removeWebhook: (() => Promise<void>) | undefined;

const hostNetworkDaemonSet = `apiVersion: apps/v1
kind: DaemonSet
metadata: { name: node-agent, namespace: ${ns} }
spec:
  selector: { matchLabels: { app: node-agent } }
  template:
    metadata: { labels: { app: node-agent } }
    spec: { hostNetwork: true, containers: [{ name: app, image: "example.test/node-agent:1.0" }] }
`;

const namespaceOf = async (name: string) =>
  (await api.get<NamespaceResponse>(`/api/v1/namespaces/${name}`)).body;
const verdictOf = (body: NamespaceResponse, name: string) =>
  body.workloads.find((w) => w.name === name)?.restartVerdict;

beforeAll(async () => {
  requireTestbed();
  await applyAll(
    namespaceYaml(ns, { 'linkerd.io/inject': 'enabled' }, SCOPE),
    namespaceYaml(outside),
    hostNetworkDaemonSet,
    deploymentYaml(ns, 'web'),
    deploymentYaml(outside, 'idle'),
  );
  await waitForRunningPods(outside, 1);
  server = await startServer({ name: 'pod-verdict', env: { KUBECONFIG: ADMIN_KUBECONFIG } });
  api = new Api(server);
  await until('the cache to see the test workloads', async () => {
    const body = await namespaceOf(ns);
    return body.workloads?.length === 2;
  });
});

afterAll(async () => {
  await server?.stop();
  await removeWebhook?.();
  await deleteNamespaces([ns, outside]);
});

describe('without an injector', () => {
  it('turns Restart off for the hostNetwork DaemonSet with the engine’s sentence', async () => {
    const body = await namespaceOf(ns);
    expect(verdictOf(body, 'node-agent')).toMatchObject({ state: 'cannot-help', code: 'host_network' });
    const verdict = verdictOf(body, 'node-agent');
    expect(verdict?.state !== 'allowed' && verdict?.reason).toContain(
      'DaemonSet node-agent uses hostNetwork',
    );
    // A Deployment is guarded instead: the dialog shows injector_not_installed and asks a second time.
    expect(verdictOf(body, 'web')).toMatchObject({ state: 'guarded', code: 'injector_not_installed' });
    expect(body.namespace.injection).toEqual({ state: 'allowed' });
  });

  it('offers no injection change on kube-system, kube-public and kube-node-lease', async () => {
    const overview = (await api.get<OverviewResponse>('/api/v1/overview')).body;
    for (const name of ['kube-system', 'kube-public', 'kube-node-lease']) {
      const row = overview.namespaces.find((n) => n.name === name);
      expect(row?.injection, name).toMatchObject({ state: 'cannot-help', code: 'system_namespace' });
    }
    expect(overview.namespaces.find((n) => n.name === ns)?.injection).toEqual({ state: 'allowed' });
  });
});

describe('with an injector webhook that leaves a namespace out', () => {
  beforeAll(async () => {
    removeWebhook = await installInjectorWebhook(testName('verdict-hook'), SCOPE);
    await until(
      'the cache to see the webhook',
      async () => (await namespaceOf(outside)).namespace.webhookExcluded,
    );
  });

  it('guards the excluded namespace: verdict, then 403 webhook_excluded unless forced', async () => {
    const body = await namespaceOf(outside);
    expect(body.namespace.injection).toMatchObject({ state: 'guarded', code: 'webhook_excluded' });
    const refused = await api.post(`/api/v1/namespaces/${outside}/injection`, { value: 'enabled' });
    expect([refused.status, errorOf(refused).code, errorOf(refused).reason]).toEqual([
      403,
      'guarded_namespace',
      'webhook_excluded',
    ]);
    expect(errorOf(refused).message).toContain(`namespace ${outside}`);
    const forced = await api.post(`/api/v1/namespaces/${outside}/injection`, {
      value: 'enabled',
      dryRun: true,
      force: true,
    });
    expect(forced.status).toBe(200);
    // Its Deployment's pods already match what a restart creates (the injector is never called there).
    expect(verdictOf(body, 'idle')).toMatchObject({ state: 'cannot-help', code: 'nothing_to_fix' });
  });

  it('lets the selected namespace restart what the injector would now fix', async () => {
    const body = await until('web to be missing its proxy', async () => {
      const answer = await namespaceOf(ns);
      const web = answer.workloads.find((w) => w.name === 'web');
      return web && web.statusCounts['missing-proxy'] > 0 ? answer : undefined;
    });
    expect(body.namespace.webhookExcluded).toBe(false);
    expect(body.namespace.injection).toEqual({ state: 'allowed' });
    expect(verdictOf(body, 'web')).toEqual({ state: 'allowed' });
    expect(verdictOf(body, 'node-agent')).toMatchObject({ state: 'cannot-help', code: 'host_network' });
  });
});
