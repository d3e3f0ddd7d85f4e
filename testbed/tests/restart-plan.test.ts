// The cluster-wide restart plan (#14) on the real testbed. CI has no Linkerd, so the plan's targets are
// made the way an outage makes them: pods created before an injector webhook existed read missing-proxy
// once a (failing, failurePolicy Ignore) injector webhook covers their namespaces. A restart then
// recreates them without a proxy, which is exactly what the plan must catch: wave 1 rolls out, its new
// pods are still missing-proxy, the plan stops there and says why, and wave 2 is never started.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlanRun, RestartPlanResponse, RestartPlanStartResponse } from '@/lib/api/dto';
import { Api, errorOf } from './helpers/api';
import {
  applyAll,
  deploymentYaml,
  installInjectorWebhook,
  namespaceYaml,
  waitForRunningPods,
} from './helpers/fixtures';
import { startServer, type MeshwatchServer } from './helpers/server';
import {
  ADMIN_KUBECONFIG,
  deleteNamespaces,
  kubectlJson,
  requireTestbed,
  testName,
  until,
} from './helpers/testbed';

const label = { 'meshwatch.io/plan': testName('plan-sel') };
// testName adds a random prefix: sorted, as the plan orders namespaces by name.
const namespaces = [testName('plan-a'), testName('plan-b'), testName('plan-c')].sort();
const [first, second, third] = namespaces as [string, string, string];
// The dry-run probe's namespace, under the same webhook: the probe is how meshwatch learns the
// injector does not answer (and that its failurePolicy lets pods through without a proxy).
const probeNs = testName('plan-probe');
let server: MeshwatchServer;
let readOnly: MeshwatchServer;
let api: Api;
let removeWebhook: (() => Promise<void>) | undefined;

interface DeploymentJson {
  metadata: { generation: number };
}
interface EventList {
  items: { reason: string; involvedObject: { name: string } }[];
}

const generation = async (ns: string) =>
  (await kubectlJson<DeploymentJson>(['get', 'deployment', 'web', '-n', ns])).metadata.generation;

beforeAll(async () => {
  requireTestbed();
  await applyAll(
    namespaceYaml(probeNs, {}, label),
    ...namespaces.map((ns) => namespaceYaml(ns, { 'linkerd.io/inject': 'enabled' }, label)),
    ...namespaces.map((ns) => deploymentYaml(ns, 'web')),
  );
  for (const ns of namespaces) await waitForRunningPods(ns, 1);
  removeWebhook = await installInjectorWebhook(testName('plan-wh'), label);
  server = await startServer({
    name: 'restart-plan',
    env: {
      KUBECONFIG: ADMIN_KUBECONFIG,
      MESHWATCH_PROBE_NAMESPACE: probeNs,
      MESHWATCH_PROBE_INTERVAL_SECONDS: '2',
    },
  });
  readOnly = await startServer({
    name: 'restart-plan-ro',
    env: { KUBECONFIG: ADMIN_KUBECONFIG, MESHWATCH_READ_ONLY: 'true' },
  });
  api = new Api(server);
  for (const ns of namespaces) await api.waitForNamespace(ns);
  await until('the three workloads to need a restart, and the probe to see the injector down', async () => {
    const { body } = await api.get<RestartPlanResponse>('/api/v1/restart-plan');
    const mine = body.targets.filter((t) => namespaces.includes(t.namespace));
    const refused = body.refusals.filter((r) => namespaces.includes(r.namespace));
    return mine.length === 3 && refused.length === 3 ? true : undefined;
  });
});

afterAll(async () => {
  await removeWebhook?.();
  await server?.stop();
  await readOnly?.stop();
  await deleteNamespaces([...namespaces, probeNs]);
});

describe('GET /api/v1/restart-plan', () => {
  it('lists every workload a restart fixes, with the pods by status, and what must be confirmed', async () => {
    const { status, body } = await api.get<RestartPlanResponse>('/api/v1/restart-plan');
    expect(status).toBe(200);
    const mine = body.targets.filter((t) => namespaces.includes(t.namespace));
    expect(mine).toEqual(
      namespaces.map((ns) => ({
        namespace: ns,
        kind: 'Deployment',
        name: 'web',
        pods: 1,
        statuses: { 'missing-proxy': 1 },
      })),
    );
    // The injector does not answer and its webhook lets pods through: every namespace asks to confirm.
    const refused = body.refusals.filter((r) => namespaces.includes(r.namespace));
    expect(refused.map((r) => r.namespace).sort()).toEqual([...namespaces].sort());
    expect(refused.every((r) => r.code === 'injector_down_ignore')).toBe(true);
    expect(body.freshness.synced).toBe(true);
  });
});

describe('POST /api/v1/restart-plan', () => {
  it('refuses bad input with 400 and read-only with 403, changing nothing', async () => {
    const before = await Promise.all(namespaces.map(generation));
    await api.csrfToken();
    for (const body of [
      { waveSize: 0 },
      { waveSize: 21 },
      { waveSize: 1.5 },
      { namespaces: [] },
      { namespaces: ['Not_A_Namespace'] },
      { namespaces: 'all' },
      { wave: 1 },
      { dryRun: 'yes' },
    ]) {
      const res = await api.post('/api/v1/restart-plan', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    const ro = new Api(readOnly);
    await ro.csrfToken().catch(() => undefined);
    const refused = await ro.post('/api/v1/restart-plan', { namespaces, force: true });
    expect(refused.status).toBe(403);
    expect(errorOf(refused).code).toBe('read_only');
    const cancel = await api.post('/api/v1/restart-plan/cancel', { id: 'nope' });
    expect(cancel.status).toBe(400);
    expect(await Promise.all(namespaces.map(generation))).toEqual(before);
  });

  it('asks for a second confirmation while the injector is down (403 guarded_namespace)', async () => {
    const res = await api.post('/api/v1/restart-plan', { namespaces });
    expect(res.status).toBe(403);
    expect(errorOf(res).code).toBe('guarded_namespace');
    expect(errorOf(res).message).toContain('"force": true');
  });

  it('dry-runs every restart on the API server and changes nothing', async () => {
    const before = await Promise.all(namespaces.map(generation));
    const res = await api.post<RestartPlanStartResponse>('/api/v1/restart-plan', {
      namespaces,
      waveSize: 2,
      dryRun: true,
      force: true,
    });
    expect(res.status).toBe(200);
    expect(res.body.dryRun).toBe(true);
    expect(res.body.waves.map((w) => w.map((t) => t.namespace))).toEqual([[first, second], [third]]);
    expect(res.body.results?.map((r) => r.result)).toEqual(['done', 'done', 'done']);
    expect(await Promise.all(namespaces.map(generation))).toEqual(before);
  });

  it('runs wave 1, sees its new pods still without a proxy, stops and says why; wave 2 never starts', async () => {
    const before = await Promise.all(namespaces.map(generation));
    const started = await api.post<RestartPlanStartResponse>('/api/v1/restart-plan', {
      namespaces,
      waveSize: 2,
      force: true,
    });
    expect(started.status).toBe(202);
    const run = started.body.run!;
    expect(run).toMatchObject({ state: 'running', waves: 2, waveSize: 2 });
    expect(run.targets.map((t) => [t.namespace, t.wave])).toEqual([
      [first, 0],
      [second, 0],
      [third, 1],
    ]);

    // One run at a time.
    const again = await api.post('/api/v1/restart-plan', { namespaces, force: true });
    expect(again.status).toBe(409);
    expect(errorOf(again).code).toBe('conflict');

    const finished = await until(
      'the plan to stop',
      async () => {
        const { body } = await api.get<RestartPlanResponse>('/api/v1/restart-plan');
        return body.run && body.run.state !== 'running' ? body.run : undefined;
      },
      90_000,
    );
    expect(finished.id).toBe(run.id);
    expect(finished.state).toBe('failed');
    expect(finished.reason).toMatch(
      new RegExp(
        `^Stopped at wave 1 of 2: Deployment web in (${first}|${second}): its rollout finished but 1 of its new pods is still missing-proxy`,
      ),
    );
    const byNs = Object.fromEntries(finished.targets.map((t) => [t.namespace, t]));
    // Whichever wave-1 workload is judged first stops the plan; the other is left as it was.
    expect([byNs[first]?.state, byNs[second]?.state]).toContain('failed');
    expect(byNs[third]?.state).toBe('cancelled');

    // What really happened in the cluster: wave 1 rolled (generation +1, an Event each), wave 2 did not.
    const after = await Promise.all(namespaces.map(generation));
    expect(after[0]).toBe(before[0]! + 1);
    expect(after[1]).toBe(before[1]! + 1);
    expect(after[2]).toBe(before[2]);
    for (const ns of [first, second]) {
      const events = (await kubectlJson<EventList>(['get', 'events', '-n', ns])).items;
      expect(events.filter((e) => e.reason === 'MeshwatchRestarted')).toHaveLength(1);
    }
    const activity = await api.get<{ entries: { action: string; detail: string }[] }>('/api/v1/activity');
    const plan = activity.body.entries.filter((e) => e.action === 'restart-plan');
    expect(plan.some((e) => e.detail.startsWith('failed: 0/3 workloads done'))).toBe(true);
    expect(plan.some((e) => e.detail.startsWith('started: 3 workloads in 2 waves'))).toBe(true);
  });

  it('reports the run on the stream, and stops at once when cancelled', async () => {
    const controller = new AbortController();
    const stream = await fetch(`${server.url}/api/v1/stream`, { signal: controller.signal });
    const reader = stream.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    const sawPlanEvent = (async () => {
      while (!text.includes('event: plan')) {
        const { value, done } = await reader.read();
        if (done) return false;
        text += decoder.decode(value);
      }
      return true;
    })();

    const started = await api.post<RestartPlanStartResponse>('/api/v1/restart-plan', {
      namespaces: [third],
      force: true,
    });
    expect(started.status).toBe(202);
    const id = started.body.run!.id;
    const cancelled = await api.post<{ run: PlanRun }>('/api/v1/restart-plan/cancel', { id });
    expect(cancelled.status).toBe(200);
    expect(await sawPlanEvent).toBe(true);
    controller.abort();

    const stopped = await until('the cancelled plan to stop', async () => {
      const { body } = await api.get<RestartPlanResponse>('/api/v1/restart-plan');
      return body.run?.id === id && body.run.state !== 'running' ? body.run : undefined;
    });
    expect(stopped.state).toBe('cancelled');
    expect(stopped.reason).toMatch(/^Cancelled/);
    const again = await api.post('/api/v1/restart-plan/cancel', { id });
    expect(again.status).toBe(409);
  });
});
