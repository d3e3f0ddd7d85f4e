// With an injector webhook registered (a real MutatingWebhookConfiguration carrying Linkerd's webhook
// name, scoped to this test's namespace, failing open) and a linkerd-config: the engine now sees pods
// created without a proxy as missing-proxy, and the namespace restart acts on exactly those workloads.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InjectionResponse, NamespaceResponse, OverviewResponse, RestartResponse } from '@/lib/api/dto';
import { Api, errorOf } from './helpers/api';
import {
  applyAll,
  daemonSetYaml,
  deploymentYaml,
  installInjectorWebhook,
  namespaceYaml,
  podYaml,
  replicaSetYaml,
  statefulSetYaml,
  pauseDeployment,
  waitForRunningPods,
} from './helpers/fixtures';
import { startServer, type MeshwatchServer } from './helpers/server';
import {
  ADMIN_KUBECONFIG,
  apply,
  deleteNamespaces,
  kubectlJson,
  requireTestbed,
  testName,
  until,
} from './helpers/testbed';

const ns = testName('inj');
const cpNs = testName('cp');
const webhookName = `${ns}-injector`;
let removeWebhook: (() => Promise<void>) | undefined;
let server: MeshwatchServer;
let api: Api;

const restartedAt = async (kind: string, name: string) =>
  (
    await kubectlJson<{ spec: { template: { metadata?: { annotations?: Record<string, string> } } } }>([
      'get',
      kind.toLowerCase(),
      name,
      '-n',
      ns,
    ])
  ).spec.template.metadata?.annotations?.['kubectl.kubernetes.io/restartedAt'];

beforeAll(async () => {
  requireTestbed();
  await applyAll(
    namespaceYaml(ns, { 'linkerd.io/inject': 'enabled' }, { 'meshwatch.io/injector-test': ns }),
    deploymentYaml(ns, 'web', { replicas: 2 }),
    deploymentYaml(ns, 'frozen'),
    statefulSetYaml(ns, 'db', 'OnDelete'),
    daemonSetYaml(ns, 'agent'),
    replicaSetYaml(ns, 'loose'),
    podYaml(ns, 'toolbox'),
    namespaceYaml(cpNs),
  );
  await waitForRunningPods(ns, 2 + 1 + 1 + 3 + 1 + 1);
  await pauseDeployment(ns, 'frozen');
  await apply(`apiVersion: v1
kind: ConfigMap
metadata: { name: linkerd-config, namespace: ${cpNs} }
data:
  values: |
    linkerdVersion: stable-2.20.0
    proxy:
      nativeSidecar: true
      image: { version: "" }
`);
  removeWebhook = await installInjectorWebhook(webhookName, { 'meshwatch.io/injector-test': ns });
  server = await startServer({
    name: 'injector',
    env: { KUBECONFIG: ADMIN_KUBECONFIG, MESHWATCH_LINKERD_NAMESPACE: cpNs },
  });
  api = new Api(server);
  await until('the cache to see the webhook and the pods', async () => {
    const view = await api.get<NamespaceResponse>(`/api/v1/namespaces/${ns}`);
    return (
      view.status === 200 &&
      view.body.pods.length === 9 &&
      view.body.pods.some((p) => p.status === 'missing-proxy')
    );
  });
});

afterAll(async () => {
  await server?.stop();
  await removeWebhook?.();
  await deleteNamespaces([ns, cpNs]);
});

describe('with an injector', () => {
  it('shows the webhook and control-plane facts', async () => {
    const { body } = await api.get<OverviewResponse>('/api/v1/overview');
    expect(body.cluster).toMatchObject({
      webhookPresent: true,
      failurePolicy: 'Ignore',
      controlPlaneNamespace: cpNs,
      linkerdVersion: 'stable-2.20.0',
      injectProxyVersion: 'stable-2.20.0',
    });
    const row = body.namespaces.find((n) => n.name === ns);
    expect(row?.statusCounts['missing-proxy']).toBeGreaterThan(0);
  });

  it('injection answers the workloads that now need a restart', async () => {
    const res = await api.post<InjectionResponse>(`/api/v1/namespaces/${ns}/injection`, {
      value: 'enabled',
      dryRun: true,
    });
    expect(res.status).toBe(200);
    const names = res.body.workloadsNeedingRestart.map((w) => `${w.kind}/${w.name}`);
    expect(names).toEqual(expect.arrayContaining(['Deployment/web', 'DaemonSet/agent']));
    expect(res.body.workloadsNeedingRestart.find((w) => w.name === 'web')?.pods).toBe(2);
    const off = await api.post<InjectionResponse>(`/api/v1/namespaces/${ns}/injection`, {
      value: 'disabled',
      dryRun: true,
    });
    expect(off.body.workloadsNeedingRestart).toEqual([]);
  });

  it('namespace restart: done, skipped with why — dry run first', async () => {
    // No injector pod answers behind this webhook (failurePolicy Ignore): the new pods would start
    // without a proxy, so the engine refuses (#8.8) unless forced.
    const refused = await api.post(`/api/v1/namespaces/${ns}/restart`, { dryRun: true });
    expect(refused.status).toBe(409);
    expect(errorOf(refused)).toMatchObject({ code: 'cannot_work', reason: 'injector_down_ignore' });
    const dry = await api.post<RestartResponse>(`/api/v1/namespaces/${ns}/restart`, {
      dryRun: true,
      force: true,
    });
    expect(dry.status).toBe(200);
    const byName = Object.fromEntries(dry.body.results.map((r) => [`${r.kind}/${r.name}`, r]));
    expect(byName['Deployment/web']).toMatchObject({ result: 'done', pods: 2 });
    expect(byName['DaemonSet/agent']).toMatchObject({ result: 'done', pods: 3 });
    expect(byName['Deployment/frozen']).toMatchObject({ result: 'skipped' });
    expect(byName['Deployment/frozen']?.why).toMatch(/paused/);
    expect(byName['StatefulSet/db']).toMatchObject({ result: 'skipped' });
    expect(byName['StatefulSet/db']?.why).toMatch(/OnDelete/);
    expect(byName['ReplicaSet/loose']).toMatchObject({ result: 'skipped' });
    expect(Object.keys(byName)).not.toContain('Pod/toolbox');
    expect(await restartedAt('Deployment', 'web')).toBeUndefined();

    expect(dry.body.notReplaced?.map((p) => `${p.kind}/${p.name}`).sort()).toEqual([
      'Deployment/frozen',
      'Pod/toolbox',
      'ReplicaSet/loose',
      'StatefulSet/db',
    ]);
    expect(dry.body.notReplaced?.find((p) => p.kind === 'Pod')?.action).toMatch(/^Delete pod toolbox/);
    const real = await api.post<RestartResponse>(`/api/v1/namespaces/${ns}/restart`, { force: true });
    expect(real.status).toBe(200);
    const done = real.body.results
      .filter((r) => r.result === 'done')
      .map((r) => `${r.kind}/${r.name}`)
      .sort();
    expect(done).toEqual(['DaemonSet/agent', 'Deployment/web']);
    expect(await restartedAt('Deployment', 'web')).toMatch(/Z$/);
    expect(await restartedAt('Deployment', 'frozen')).toBeUndefined();
    expect(await restartedAt('StatefulSet', 'db')).toBeUndefined();
    const summary = server.jsonLines().find((l) => l.action === 'restart-namespace' && l.dryRun === false);
    expect(summary).toMatchObject({
      target: `Namespace/${ns}`,
      result: 'ok',
      detail: '2 done, 3 skipped, 0 failed',
    });
  });
});
