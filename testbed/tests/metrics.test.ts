// /metrics on the ops listener (MESHWATCH_OPS_PORT) and the main port, against the real testbed: the
// figures equal the API's, a namespace change moves the gauge, an action is counted, and the ops port
// serves nothing but /metrics, /livez and /readyz.
import { get as httpGet } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NamespaceResponse, OverviewResponse } from '@/lib/api/dto';
import { POD_STATUSES } from '@/lib/mesh';
import { Api, rawRequest } from './helpers/api';
import { applyAll, deploymentYaml, namespaceYaml, waitForRunningPods } from './helpers/fixtures';
import { parseMetrics, sample, sum, type Samples } from './helpers/metrics';
import { freePort, startServer, type MeshwatchServer } from './helpers/server';
import {
  ADMIN_KUBECONFIG,
  deleteNamespaces,
  kubectl,
  requireTestbed,
  testName,
  until,
} from './helpers/testbed';

const ns = testName('metrics');
let server: MeshwatchServer;
let api: Api;
let ops: string;

async function scrape(base = ops): Promise<Samples> {
  const res = await fetch(`${base}/metrics`, { signal: AbortSignal.timeout(10_000) });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return parseMetrics(await res.text());
}

beforeAll(async () => {
  requireTestbed();
  await applyAll(namespaceYaml(ns), deploymentYaml(ns, 'web', { replicas: 2 }));
  await waitForRunningPods(ns, 2);
  const opsPort = await freePort();
  ops = `http://127.0.0.1:${opsPort}`;
  server = await startServer({
    name: 'metrics',
    env: {
      KUBECONFIG: ADMIN_KUBECONFIG,
      MESHWATCH_OPS_PORT: String(opsPort),
      MESHWATCH_OPS_LISTEN: '127.0.0.1',
    },
  });
  api = new Api(server);
  await api.waitForNamespace(ns);
});

afterAll(async () => {
  await server?.stop();
  await deleteNamespaces([ns]);
});

describe('/metrics', () => {
  it('has the API’s figures for every namespace and the injector', async () => {
    // Both read the same cache version only when nothing changes in between: retry until they agree.
    await until('metrics to agree with /api/v1/overview', async () => {
      const overview = (await api.get<OverviewResponse>('/api/v1/overview')).body;
      const samples = await scrape();
      for (const n of overview.namespaces) {
        for (const status of POD_STATUSES)
          expect(
            sample(samples, 'meshwatch_pods', { namespace: n.name, status }),
            `${n.name} ${status}`,
          ).toBe(n.statusCounts[status]);
        expect(sample(samples, 'meshwatch_workloads_needing_restart', { namespace: n.name })).toBe(
          n.workloadsNeedingRestart,
        );
      }
      expect(sum(samples, 'meshwatch_pods')).toBe(overview.cluster.pods);
      expect(sample(samples, 'meshwatch_injector_webhook_present')).toBe(
        overview.cluster.webhookPresent ? 1 : 0,
      );
      expect(sample(samples, 'meshwatch_injector_pods')).toBe(overview.cluster.injectorPods.total);
      expect(sample(samples, 'meshwatch_cache_synced')).toBe(1);
      expect(sample(samples, 'meshwatch_cache_stale')).toBe(0);
      expect(sample(samples, 'meshwatch_cache_resource_healthy', { resource: 'pods' })).toBe(1);
      expect(sample(samples, 'process_cpu_seconds_total')).toBeGreaterThan(0);
      return true;
    });
  });

  it('moves when a namespace changes', async () => {
    const unmeshed = async () =>
      sample(await scrape(), 'meshwatch_pods', { namespace: ns, status: 'unmeshed' });
    await until('the gauge to show 2 pods', async () => (await unmeshed()) === 2);
    await kubectl(['scale', 'deployment/web', '-n', ns, '--replicas=3']);
    await until('the gauge to show 3 pods', async () => (await unmeshed()) === 3);
    await kubectl(['annotate', 'namespace', ns, 'linkerd.io/inject=enabled']);
    await until('the gauges to follow the annotation', async () => {
      const view = (await api.get<NamespaceResponse>(`/api/v1/namespaces/${ns}`)).body;
      const samples = await scrape();
      const agree = POD_STATUSES.every(
        (status) =>
          sample(samples, 'meshwatch_pods', { namespace: ns, status }) ===
          view.namespace.statusCounts[status],
      );
      return agree && view.namespace.injectValue === 'enabled';
    });
  });

  it('counts actions by kind and result', async () => {
    const before =
      (await scrape()).get('meshwatch_actions_total{action="restart-workload",result="ok",dry_run="true"}') ??
      0;
    // force: the testbed has no injector, so an unforced restart is refused as one that cannot work.
    const res = await api.post(`/api/v1/workloads/${ns}/Deployment/web/restart`, {
      dryRun: true,
      force: true,
    });
    expect(res.status).toBe(200);
    const after = sample(await scrape(), 'meshwatch_actions_total', {
      action: 'restart-workload',
      result: 'ok',
      dry_run: 'true',
    });
    expect(after).toBe(before + 1);
  });

  it('is also served on the main port, behind the Host allow-list', async () => {
    const samples = await scrape(server.url);
    expect(sample(samples, 'meshwatch_cache_synced')).toBe(1);
    const foreign = await rawRequest(`${server.url}/metrics`, {
      headers: { host: `evil.example:${server.port}` },
    });
    expect(foreign.status).toBe(403);
  });
});

describe('the ops listener', () => {
  it('answers /livez like /api/healthz and /readyz with only ready or not', async () => {
    const live = await fetch(`${ops}/livez`);
    expect(live.status).toBe(200);
    expect(await live.json()).toEqual((await api.get('/api/healthz')).body);
    const ready = await fetch(`${ops}/readyz`);
    expect(ready.status).toBe(200);
    // Nothing vouches for a caller on the pod network: it learns ready or not, never the cluster's details
    // (the dashboard's /api/readyz gives those to an allowed Host).
    expect(await ready.json()).toEqual({ ready: true });
    expect((await api.get('/api/readyz')).body).toMatchObject({ ready: true, synced: true });
    expect((await fetch(`${ops}/readyz`, { method: 'HEAD' })).status).toBe(200);
    // A scraper or kubelet on the pod network sends the pod IP as Host: no allow-list here.
    expect((await rawRequest(`${ops}/metrics`, { headers: { host: '10.1.2.3:9090' } })).status).toBe(200);
  });

  it('serves nothing else: no dashboard, no API, no mutations', async () => {
    for (const path of ['/', '/api/v1/overview', '/api/healthz', '/namespaces/default', '/metrics/x'])
      expect((await fetch(`${ops}${path}`)).status, path).toBe(404);
    const post = await fetch(`${ops}/metrics`, { method: 'POST', body: '{}' });
    expect(post.status).toBe(405);
    const restart = await fetch(`${ops}/api/v1/workloads/${ns}/Deployment/web/restart`, {
      method: 'POST',
      body: '{}',
    });
    expect(restart.status).toBe(404);
  });
});

describe('never indexed (#29)', () => {
  /** A GET with a Host of our choosing (fetch will not send another Host). */
  const rawGet = (url: string, host?: string) =>
    new Promise<{ status: number; robots: string | undefined; body: string }>((resolve, reject) => {
      const req = httpGet(url, { headers: host ? { host } : {} }, (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, robots: res.headers['x-robots-tag'] as string, body }),
        );
      });
      req.on('error', reject);
    });

  it('serves a robots.txt that keeps every crawler out', async () => {
    const robots = await rawGet(`${server.url}/robots.txt`);
    expect(robots.status).toBe(200);
    expect(robots.body).toMatch(/^User-agent: \*$/m);
    expect(robots.body).toMatch(/^Disallow: \/$/m);
  });

  it('says noindex on every answer: pages, assets, the API, errors, refusals and the ops listener', async () => {
    const page = await rawGet(`${server.url}/`);
    const asset = /\/_next\/static\/[^"]+\.js/.exec(page.body)?.[0];
    expect(asset, 'a script on the page').toBeDefined();
    const answers = {
      page,
      asset: await rawGet(`${server.url}${asset}`),
      robots: await rawGet(`${server.url}/robots.txt`),
      overview: await rawGet(`${server.url}/api/v1/overview`),
      apiError: await rawGet(`${server.url}/api/v1/no-such-thing`),
      health: await rawGet(`${server.url}/api/healthz`),
      metrics: await rawGet(`${server.url}/metrics`),
      badHost: await rawGet(`${server.url}/`, 'evil.example'),
      badHostApi: await rawGet(`${server.url}/api/v1/overview`, 'evil.example'),
      opsMetrics: await rawGet(`${ops}/metrics`),
      opsLivez: await rawGet(`${ops}/livez`),
      opsUnknown: await rawGet(`${ops}/nope`),
    };
    expect(answers.badHost.status).toBe(403);
    expect(answers.apiError.status).toBe(404);
    expect(answers.opsUnknown.status).toBe(404);
    for (const [name, answer] of Object.entries(answers))
      expect(answer.robots, `${name} (${answer.status})`).toBe('noindex, nofollow');
  });
});
