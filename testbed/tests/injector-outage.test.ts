// The 3 a.m. case (#12, #8.7, #8.8): an injector webhook carrying Linkerd's name, scoped to this test's
// namespaces and failing against a closed port — exactly how the API server treats an unreachable
// injector. The probe must say so within its interval; restarts are refused unless forced; a forced
// restart shows FailedCreate with the API server's words and is marked stalled; a StatefulSet's lost pod
// is called out; guarded namespaces refuse and change nothing; under Ignore new pods start without a proxy.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  ActivityResponse,
  InjectorProbeResponse,
  OverviewResponse,
  RestartResponse,
  RolloutStateResponse,
} from '@/lib/api/dto';
import { Api, errorOf } from './helpers/api';
import {
  applyAll,
  deploymentYaml,
  installInjectorWebhook,
  namespaceYaml,
  statefulSetYaml,
  waitForRunningPods,
} from './helpers/fixtures';
import { startServer, type MeshwatchServer } from './helpers/server';
import {
  ADMIN_KUBECONFIG,
  apply,
  deleteNamespaces,
  kubectl,
  kubectlJson,
  requireTestbed,
  testName,
  until,
} from './helpers/testbed';

const key = testName('outage');
const probeNs = `${key}-probe`;
const ns = `${key}-work`;
const cpNs = `${key}-cp`;
const webhookName = `${key}-injector`;
const INTERVAL_SECONDS = 2;
const STALL_SECONDS = 8;
let removeWebhook: (() => Promise<void>) | undefined;
let server: MeshwatchServer;
let api: Api;

interface Obj {
  metadata: { resourceVersion: string; annotations?: Record<string, string> };
  spec?: { template: { metadata?: { annotations?: Record<string, string> } } };
}
const live = (kind: string, name: string, namespace?: string) =>
  kubectlJson<Obj>(['get', kind, name, ...(namespace ? ['-n', namespace] : [])]);
const restartedAt = async (kind: string, name: string, namespace = ns) =>
  (await live(kind, name, namespace)).spec?.template.metadata?.annotations?.[
    'kubectl.kubernetes.io/restartedAt'
  ];
const probe = async () => (await api.get<InjectorProbeResponse>('/api/v1/injector')).body.probe;
const rollout = (kind: string, name: string, since: string) =>
  api.get<RolloutStateResponse>(
    `/api/v1/workloads/${ns}/${kind}/${name}/rollout?since=${encodeURIComponent(since)}`,
  );

beforeAll(async () => {
  requireTestbed();
  const scope = { 'meshwatch.io/injector-test': key };
  await applyAll(
    namespaceYaml(probeNs, {}, scope),
    namespaceYaml(ns, { 'linkerd.io/inject': 'enabled' }, scope),
    deploymentYaml(ns, 'web', { replicas: 2 }),
    statefulSetYaml(ns, 'db'),
    namespaceYaml(cpNs),
    deploymentYaml(cpNs, 'linkerd-proxy-injector'),
  );
  await waitForRunningPods(ns, 3);
  await waitForRunningPods(cpNs, 1);
  await apply(`apiVersion: v1
kind: ConfigMap
metadata: { name: linkerd-config, namespace: ${cpNs} }
data:
  values: |
    linkerdVersion: stable-2.20.0
`);
  removeWebhook = await installInjectorWebhook(webhookName, scope, 'Fail');
  server = await startServer({
    name: 'outage',
    env: {
      KUBECONFIG: ADMIN_KUBECONFIG,
      MESHWATCH_LINKERD_NAMESPACE: cpNs,
      MESHWATCH_PROBE_NAMESPACE: probeNs,
      MESHWATCH_PROBE_INTERVAL_SECONDS: String(INTERVAL_SECONDS),
      MESHWATCH_ROLLOUT_STALL_SECONDS: String(STALL_SECONDS),
    },
  });
  api = new Api(server);
  await until('the cache to see the webhook', async () => {
    const view = await api.get<OverviewResponse>('/api/v1/overview');
    return (
      view.status === 200 && view.body.cluster.webhookPresent && view.body.cluster.failurePolicy === 'Fail'
    );
  });
});

afterAll(async () => {
  await server?.stop();
  await removeWebhook?.();
  await deleteNamespaces([probeNs, ns, cpNs]);
});

describe('guarded namespaces (#8.7)', () => {
  it.each(['kube-system', 'kube-public', 'kube-node-lease'])(
    'refuses an injection change on %s with 403, changes nothing; force with a dry run passes',
    async (name) => {
      const before = await live('namespace', name);
      const res = await api.post(`/api/v1/namespaces/${name}/injection`, { value: 'enabled' });
      expect(res.status).toBe(403);
      expect(errorOf(res)).toMatchObject({ code: 'guarded_namespace', reason: 'system_namespace' });
      expect(errorOf(res).message).toContain(`Namespace ${name} is a Kubernetes system namespace`);
      const restart = await api.post(`/api/v1/namespaces/${name}/restart`, {});
      expect([restart.status, errorOf(restart).reason]).toEqual([403, 'system_namespace']);
      const forced = await api.post(`/api/v1/namespaces/${name}/injection`, {
        value: 'enabled',
        dryRun: true,
        force: true,
      });
      expect(forced.status).toBe(200);
      expect((await live('namespace', name)).metadata.resourceVersion).toBe(before.metadata.resourceVersion);
      expect(
        server
          .jsonLines()
          .some(
            (l) =>
              l.target === `Namespace/${name}` && String(l.detail).startsWith('refused (system_namespace)'),
          ),
      ).toBe(true);
    },
  );

  it('refuses injection and restarts on the Linkerd control plane unless forced', async () => {
    const nsBefore = await live('namespace', cpNs);
    const inj = await api.post(`/api/v1/namespaces/${cpNs}/injection`, { value: 'enabled' });
    expect([inj.status, errorOf(inj).reason]).toEqual([403, 'control_plane_namespace']);
    const path = `/api/v1/workloads/${cpNs}/Deployment/linkerd-proxy-injector/restart`;
    const res = await api.post(path, {});
    expect([res.status, errorOf(res).code, errorOf(res).reason]).toEqual([
      403,
      'guarded_namespace',
      'control_plane_namespace',
    ]);
    expect(await restartedAt('deployment', 'linkerd-proxy-injector', cpNs)).toBeUndefined();
    expect((await live('namespace', cpNs)).metadata.resourceVersion).toBe(nsBefore.metadata.resourceVersion);
    const forced = await api.post<RestartResponse>(path, { force: true });
    expect(forced.status).toBe(200);
    expect(forced.body.forced?.map((f) => f.code)).toContain('control_plane_namespace');
    expect(await restartedAt('deployment', 'linkerd-proxy-injector', cpNs)).toBe(
      forced.body.results[0]?.restartedAt,
    );
  });
});

describe('injector unreachable, failurePolicy Fail', () => {
  it('the probe reports it within its interval, on the API and the overview', async () => {
    const started = Date.now();
    const verdict = await until(
      'the probe to report failing',
      async () => {
        const p = await probe();
        return p.state === 'failing' ? p : undefined;
      },
      (INTERVAL_SECONDS + 15) * 1000,
    );
    console.log(`probe reported failing ${Date.now() - started} ms after the first request`);
    expect(verdict.message).toMatch(/failed calling webhook.*connection refused/);
    expect(verdict.banner).toMatch(/^Pod creation in injected namespaces is failing/);
    expect(verdict.namespace).toBe(probeNs);
    const overview = await api.get<OverviewResponse>('/api/v1/overview');
    expect(overview.body.injectorProbe?.state).toBe('failing');
    // A dry run: nothing was created in the probe namespace.
    const pods = await kubectlJson<{ items: unknown[] }>(['get', 'pods', '-n', probeNs]);
    expect(pods.items).toEqual([]);
  });

  it('refuses a restart (409, the engine’s reason) and leaves the workload unchanged', async () => {
    const before = await live('deployment', 'web', ns);
    for (const body of [{}, { dryRun: true }]) {
      const res = await api.post('/api/v1/workloads/' + ns + '/Deployment/web/restart', body);
      expect(res.status).toBe(409);
      expect(errorOf(res)).toMatchObject({ code: 'cannot_work', reason: 'injector_down_fail' });
    }
    const nsRestart = await api.post(`/api/v1/namespaces/${ns}/restart`, {});
    expect([nsRestart.status, errorOf(nsRestart).reason]).toEqual([409, 'injector_down_fail']);
    expect((await live('deployment', 'web', ns)).metadata.resourceVersion).toBe(
      before.metadata.resourceVersion,
    );
    expect(await restartedAt('deployment', 'web')).toBeUndefined();
  });

  it('a forced restart shows FailedCreate with the API server’s message, then is marked stalled', async () => {
    const since = new Date().toISOString();
    const res = await api.post<RestartResponse>(`/api/v1/workloads/${ns}/Deployment/web/restart`, {
      force: true,
    });
    expect(res.status).toBe(200);
    expect(res.body.forced?.map((f) => f.code)).toEqual(['injector_down_fail']);
    const started = Date.now();
    const withProblem = await until('FailedCreate in the rollout state', async () => {
      const r = await rollout('Deployment', 'web', since);
      // The ReplicaSet's own event: the Deployment's ReplicaFailure condition may say so first.
      const fromEvent = (p: { reason: string; object: { kind: string } }) =>
        p.reason === 'FailedCreate' && p.object.kind === 'ReplicaSet';
      return r.body.problems?.some(fromEvent) ? r.body : undefined;
    });
    console.log(`FailedCreate visible ${Date.now() - started} ms after the restart`);
    const problem = withProblem.problems.find(
      (p) => p.reason === 'FailedCreate' && p.object.kind === 'ReplicaSet',
    );
    expect(problem).toMatchObject({ webhook: true, object: { kind: 'ReplicaSet' } });
    expect(problem?.message).toMatch(/failed calling webhook/);
    expect(problem?.fix).toMatch(/proxy injector did not answer/);
    const stalled = await until(
      'the rollout to be marked stalled',
      async () => {
        const r = await rollout('Deployment', 'web', since);
        return r.body.phase === 'stalled' ? r.body : undefined;
      },
      (STALL_SECONDS + 20) * 1000,
    );
    expect(stalled.stalledForSeconds).toBeGreaterThanOrEqual(STALL_SECONDS);
    expect(stalled.stallAfterSeconds).toBe(STALL_SECONDS);
  });

  it('a StatefulSet rolled under the outage loses its pod, and the rollout state says which', async () => {
    const since = new Date().toISOString();
    const res = await api.post(`/api/v1/workloads/${ns}/StatefulSet/db/restart`, { force: true });
    expect(res.status).toBe(200);
    const state = await until('the lost StatefulSet pod', async () => {
      const r = await rollout('StatefulSet', 'db', since);
      return r.body.lostPods?.includes('db-0') && r.body.problems.length > 0 ? r.body : undefined;
    });
    expect(state.problems[0]).toMatchObject({
      reason: 'FailedCreate',
      object: { kind: 'StatefulSet', name: 'db' },
    });
  });

  it('answers 400 for a rollout state without a time', async () => {
    const res = await api.get(`/api/v1/workloads/${ns}/Deployment/web/rollout`);
    expect([res.status, errorOf(res).code]).toEqual([400, 'bad_request']);
  });
});

describe('injector unreachable, failurePolicy Ignore', () => {
  it('the probe reports that new pods start without a proxy', async () => {
    await kubectl([
      'patch',
      'mutatingwebhookconfiguration',
      webhookName,
      '--type=json',
      '-p',
      '[{"op":"replace","path":"/webhooks/0/failurePolicy","value":"Ignore"}]',
    ]);
    const verdict = await until(
      'the probe to report bypassed',
      async () => {
        const p = await probe();
        return p.state === 'bypassed' ? p : undefined;
      },
      (INTERVAL_SECONDS + 20) * 1000,
    );
    expect(verdict.banner).toMatch(/^New pods start without a proxy/);
    expect(verdict.failurePolicy).toBe('Ignore');
    const now = await api.post<InjectorProbeResponse>('/api/v1/injector/probe', {});
    expect([now.status, now.body.probe.state]).toEqual([200, 'bypassed']);
  });
});

describe('activity from the cluster', () => {
  it('survives a server restart: the Events meshwatch wrote are read back', async () => {
    await server.stop();
    server = await startServer({
      name: 'outage-again',
      env: { KUBECONFIG: ADMIN_KUBECONFIG, MESHWATCH_LINKERD_NAMESPACE: cpNs },
    });
    api = new Api(server);
    const res = await api.get<ActivityResponse>('/api/v1/activity');
    expect(res.status).toBe(200);
    expect(res.body.source).toBe('cluster');
    const restarts = res.body.entries.filter(
      (e) => e.action === 'restart-workload' && e.target === `${ns}/Deployment/web`,
    );
    expect(restarts.length).toBeGreaterThan(0);
    expect(restarts[0]?.client).toMatch(/^event/);
    expect(restarts[0]?.detail).toMatch(/restartedAt/);
  });
});
