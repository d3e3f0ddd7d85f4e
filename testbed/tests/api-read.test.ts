// Read routes against the real testbed: overview, namespace, pod (with trace and injector events),
// capabilities, activity, stream, health, the Host allow-list, and their 400/404 answers.
import { request } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CapabilitiesResponse, NamespaceResponse, OverviewResponse, PodResponse } from '@/lib/api/dto';
import * as contract from '@/lib/api/wire';
import { conforms } from '@/lib/test/wire-conformance';
import { Api, errorOf, EventStream, rawRequest } from './helpers/api';
import { applyAll, deploymentYaml, namespaceYaml, podYaml, waitForRunningPods } from './helpers/fixtures';
import { startServer, type MeshwatchServer } from './helpers/server';
import {
  ADMIN_KUBECONFIG,
  deleteNamespaces,
  kubectlJson,
  requireTestbed,
  testName,
  until,
} from './helpers/testbed';

const ns = testName('read');
let server: MeshwatchServer;
let api: Api;
let injectorInstalled: boolean;

beforeAll(async () => {
  requireTestbed();
  await applyAll(
    namespaceYaml(ns, { 'linkerd.io/inject': 'enabled' }),
    deploymentYaml(ns, 'web', { replicas: 2 }),
    podYaml(ns, 'toolbox'),
  );
  await waitForRunningPods(ns, 3);
  const hooks = await kubectlJson<{ items: { webhooks?: { name: string }[] }[] }>([
    'get',
    'mutatingwebhookconfigurations',
  ]);
  injectorInstalled = hooks.items.some((c) =>
    c.webhooks?.some((w) => w.name === 'linkerd-proxy-injector.linkerd.io'),
  );
  server = await startServer({
    name: 'read',
    env: { KUBECONFIG: ADMIN_KUBECONFIG, MESHWATCH_HEARTBEAT_SECONDS: '1' },
  });
  api = new Api(server);
  await until(
    'the cache to see the test pods',
    async () => (await api.get<NamespaceResponse>(`/api/v1/namespaces/${ns}`)).body.pods?.length === 3,
  );
});

afterAll(async () => {
  await server?.stop();
  await deleteNamespaces([ns]);
});

describe('health', () => {
  it('answers healthz and readyz', async () => {
    expect(await api.get('/api/healthz')).toMatchObject({ status: 200, body: { status: 'ok' } });
    // On a loaded 2-core machine a watchdog tick can come late and mark the data stale for a moment
    // (that is the point of it): the settled answer is what this checks.
    const ready = await until(
      'readyz to answer ready and fresh',
      async () => {
        const res = await api.get<{ stale: boolean }>('/api/readyz');
        return res.status === 200 && !res.body.stale ? res : undefined;
      },
      15_000,
    );
    expect(ready).toMatchObject({ status: 200, body: { ready: true, synced: true, stale: false } });
  });

  it('lets probes through whatever the Host (kubelet sends the pod IP)', async () => {
    const res = await rawRequest(`${server.url}/api/healthz`, { headers: { host: '10.1.2.3:3000' } });
    expect(res.status).toBe(200);
  });
});

describe('GET /api/v1/overview', () => {
  // The body is gzipped once per change batch (lib/api/json-body.ts); Next drops Content-Encoding from
  // route handlers, so instrumentation restores it. Checked on the wire, not through fetch's decoder.
  it.each([
    ['/api/v1/overview', 'namespaces'],
    ['/api/v1/namespaces/:ns', 'pods'],
  ])('%s arrives gzipped once when asked, and as plain JSON when not', async (route, field) => {
    const path = route.replace(':ns', ns);
    const packed = await wire(`${server.url}${path}`, { 'accept-encoding': 'gzip, deflate, br' });
    expect(packed.status).toBe(200);
    expect(packed.headers['content-encoding']).toBe('gzip');
    expect(packed.headers['x-meshwatch-content-encoding']).toBeUndefined();
    expect(String(packed.headers.vary)).toMatch(/accept-encoding/i);
    const fromGzip = JSON.parse(gunzipSync(packed.body).toString('utf8')) as Record<string, unknown>;
    expect(fromGzip).toHaveProperty(field);
    // A client cannot switch gzip on by sending the hook's own header.
    const plain = await wire(`${server.url}${path}`, { 'x-meshwatch-encoding-ready': '1' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    const fromPlain = JSON.parse(plain.body.toString('utf8')) as Record<string, unknown>;
    // The same body either way; the injector probe's verdict may land between the two requests.
    const keys = (body: Record<string, unknown>) => Object.keys(body).filter((k) => k !== 'injectorProbe');
    expect(keys(fromPlain)).toEqual(keys(fromGzip));
  });

  it('gives context, control-plane facts, totals, one row per namespace and freshness', async () => {
    const { status, body, headers } = await api.get<OverviewResponse>('/api/v1/overview');
    expect(status).toBe(200);
    expect(headers.get('cache-control')?.split(', ')).toContain('no-store');
    expect(body.context.name).toBe('meshwatch-testbed');
    expect(body.context.server).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(body.context.inCluster).toBe(false);
    expect(body.context.kubernetesVersion).toMatch(/^v1\.\d+\.\d+/);
    expect(body.cluster.webhookPresent).toBe(injectorInstalled);
    const row = body.namespaces.find((n) => n.name === ns);
    expect(row).toMatchObject({ name: ns, injectValue: 'enabled', pods: 3 });
    expect(body.cluster.namespaces).toBe(body.namespaces.length);
    expect(body.freshness).toMatchObject({ synced: true, stale: false });
    expect(body.freshness.ageSeconds).toBeLessThan(60);
    expect(body.freshness.resources.map((r) => r.name).sort()).toEqual(
      [
        'api-server',
        'cronjobs',
        'daemonsets',
        'deployments',
        'jobs',
        'linkerd-config',
        'mutatingwebhookconfigurations',
        'namespaces',
        'pods',
        'replicasets',
        'statefulsets',
      ].sort(),
    );
    expect(body.freshness.resources.every((r) => r.synced && r.healthy)).toBe(true);
  });
});

describe('GET /api/v1/namespaces/{namespace}', () => {
  it('lists workloads, pods (status, reasons, proxy, owner, createdAt) and lints', async () => {
    const { status, body } = await api.get<NamespaceResponse>(`/api/v1/namespaces/${ns}`);
    expect(status).toBe(200);
    expect(body.namespace).toMatchObject({ name: ns, injectValue: 'enabled', pods: 3 });
    expect(body.workloads.map((w) => `${w.kind}/${w.name}`)).toContain('Deployment/web');
    expect(Array.isArray(body.lints)).toBe(true);
    const web = body.pods.filter((p) => p.workload?.name === 'web');
    expect(web).toHaveLength(2);
    for (const pod of web) {
      expect(pod.owner?.kind).toBe('ReplicaSet');
      expect(pod.workload).toEqual({ kind: 'Deployment', name: 'web' });
      expect(Date.parse(pod.createdAt)).not.toBeNaN();
      expect(pod.phase).toBe('Running');
      expect(pod.meshed).toBe(false);
      expect(typeof pod.status).toBe('string');
    }
    const toolbox = body.pods.find((p) => p.name === 'toolbox');
    expect(toolbox?.owner).toBeUndefined();
    if (!injectorInstalled) {
      // No Linkerd in the testbed: nothing can be injected, and the engine says why.
      for (const pod of body.pods) expect(pod.reasons.map((r) => r.code)).toContain('injector_not_installed');
    }
    expect(body.freshness.synced).toBe(true);
  });

  it('answers 404 for a namespace that does not exist and 400 for an invalid name', async () => {
    const missing = await api.get(`/api/v1/namespaces/${ns}-missing`);
    expect(missing.status).toBe(404);
    expect(errorOf(missing)).toEqual({ code: 'not_found', message: `Namespace "${ns}-missing" not found.` });
    for (const bad of ['Bad_Name', 'a'.repeat(64), '-x', 'a.b']) {
      const res = await api.get(`/api/v1/namespaces/${encodeURIComponent(bad)}`);
      expect(res.status, bad).toBe(400);
      expect(errorOf(res).code).toBe('invalid_name');
    }
  });
});

// The real answers, parsed with the contract's strict schemas (lib/api/wire.ts): every field the
// server sends is one the contract names, with the type it says. The seeded scenarios (labels, opt-outs,
// hostNetwork, GitOps owners …) give the rows their variety.
describe('the wire contract', () => {
  it('every overview row, namespace page and a pod explanation conform', async () => {
    const { body: overview } = await api.get<OverviewResponse>('/api/v1/overview');
    conforms(contract.clusterSummary, overview.cluster, 'cluster');
    if (overview.injectorProbe) conforms(contract.probeVerdict, overview.injectorProbe, 'injectorProbe');
    for (const row of overview.namespaces) conforms(contract.namespaceRow, row, `namespace ${row.name}`);
    let pages = 0;
    let pods = 0;
    for (const { name } of overview.namespaces) {
      const { status, body } = await api.get<NamespaceResponse>(`/api/v1/namespaces/${name}`);
      if (status === 404) continue; // another suite's namespace, deleted since the overview
      expect(status).toBe(200);
      pages += 1;
      conforms(contract.namespaceRow, body.namespace, name);
      for (const w of body.workloads) conforms(contract.workloadRow, w, `${name}/${w.kind}/${w.name}`);
      for (const p of body.pods) conforms(contract.podRow, p, `${name}/${p.name}`);
      for (const l of body.lints) conforms(contract.lint, l, `${name} lint ${l.code}`);
      pods += body.pods.length;
    }
    expect(pages).toBeGreaterThanOrEqual(5);
    expect(pods).toBeGreaterThanOrEqual(10);
    const { body: page } = await api.get<NamespaceResponse>(`/api/v1/namespaces/${ns}`);
    const first = page.pods[0]!;
    const { body } = await api.get<PodResponse>(`/api/v1/namespaces/${ns}/pods/${first.name}`);
    const { owner, ...explanation } = body.pod;
    conforms(contract.podExplanation, explanation, first.name);
    if (owner) conforms(contract.ownerRef, owner, `${first.name} owner`);
  });
});

describe('GET /api/v1/namespaces/{namespace}/pods/{pod}', () => {
  it('explains one pod with its trace and the owner’s injector events', async () => {
    const list = await api.get<NamespaceResponse>(`/api/v1/namespaces/${ns}`);
    const podName = list.body.pods.find((p) => p.workload?.name === 'web')?.name ?? '';
    const { status, body } = await api.get<PodResponse>(`/api/v1/namespaces/${ns}/pods/${podName}`);
    expect(status).toBe(200);
    expect(body.pod).toMatchObject({
      name: podName,
      namespace: ns,
      workload: { kind: 'Deployment', name: 'web' },
    });
    expect(body.pod.owner?.kind).toBe('ReplicaSet');
    expect(body.pod.trace.length).toBeGreaterThan(0);
    for (const step of body.pod.trace) expect(['pass', 'block', 'info']).toContain(step.outcome);
    expect(body.eventsError).toBeUndefined();
    // Without a running proxy-injector nobody records Injected/InjectionSkipped: the real cluster has none.
    expect(Array.isArray(body.events)).toBe(true);
    for (const e of body.events) expect(['Injected', 'InjectionSkipped']).toContain(e.reason);
  });

  it('answers 404 for a missing pod or namespace and 400 for invalid names', async () => {
    expect(errorOf(await api.get(`/api/v1/namespaces/${ns}/pods/nope`)).code).toBe('not_found');
    expect((await api.get(`/api/v1/namespaces/${ns}/pods/nope`)).status).toBe(404);
    expect((await api.get(`/api/v1/namespaces/${ns}-missing/pods/nope`)).status).toBe(404);
    const bad = await api.get(`/api/v1/namespaces/${ns}/pods/Not_A_Pod`);
    expect(bad.status).toBe(400);
    expect(errorOf(bad).code).toBe('invalid_name');
  });
});

describe('GET /api/v1/capabilities and /api/v1/activity', () => {
  it('reports what the admin identity may do and a CSRF token', async () => {
    const { status, body } = await api.get<CapabilitiesResponse>('/api/v1/capabilities');
    expect(status).toBe(200);
    expect(body.readOnly).toBe(false);
    expect(body.csrfToken).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(body.can).toEqual({
      patchNamespaces: true,
      patchDeployments: true,
      patchStatefulSets: true,
      patchDaemonSets: true,
      patchCronJobs: true,
      createEvents: true,
    });
    expect(body.why).toEqual({});
  });

  it('lists recent actions', async () => {
    const { status, body } = await api.get<{ entries: unknown[] }>('/api/v1/activity');
    expect(status).toBe(200);
    expect(Array.isArray(body.entries)).toBe(true);
  });
});

describe('GET /api/v1/stream', () => {
  it('opens with a status event and sends heartbeats', async () => {
    const stream = new EventStream(`${server.url}/api/v1/stream`);
    try {
      const res = await stream.ready;
      expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
      const status = await stream.next((m) => m.type === 'status', 5_000);
      expect(status.type === 'status' && status.data.synced).toBe(true);
      await stream.next((m) => m.type === 'heartbeat', 5_000);
    } finally {
      stream.close();
    }
  });
});

describe('Host allow-list and unknown paths', () => {
  it.each(['/api/v1/overview', '/api/v1/capabilities', '/api/v1/stream', '/', '/namespaces/x'])(
    'refuses a foreign Host on %s',
    async (path) => {
      const res = await rawRequest(server.url + path, { headers: { host: `evil.example:${server.port}` } });
      expect(res.status).toBe(403);
      expect(JSON.parse(res.body)).toMatchObject({ error: { code: 'host_not_allowed' } });
    },
  );

  it('accepts localhost and [::1] names on any port', async () => {
    for (const host of [`localhost:${server.port}`, `[::1]:${server.port}`, '127.0.0.1']) {
      expect((await rawRequest(`${server.url}/api/v1/overview`, { headers: { host } })).status, host).toBe(
        200,
      );
    }
  });

  it('refuses to be framed by another site and sends hardening headers, on pages and API alike', async () => {
    for (const path of ['/', '/api/v1/overview']) {
      const res = await api.get(path);
      expect(res.headers.get('x-frame-options'), path).toBe('DENY');
      expect(res.headers.get('content-security-policy'), path).toContain("frame-ancestors 'none'");
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('referrer-policy'), path).toBe('same-origin');
    }
  });

  it('answers unknown API paths with the error envelope', async () => {
    const res = await api.get('/api/v1/nothing-here');
    expect(res.status).toBe(404);
    expect(errorOf(res).code).toBe('not_found');
  });
});

/** A GET with the body as bytes, exactly as sent (no decoding). */
function wire(
  url: string,
  headers: Record<string, string>,
): Promise<{ status: number; body: Buffer; headers: Record<string, string | string[] | undefined> }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers, timeout: 30_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks), headers: res.headers }),
      );
    });
    req.on('error', reject);
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.end();
  });
}
