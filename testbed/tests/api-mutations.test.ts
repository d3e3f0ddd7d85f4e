// Mutations against the real testbed: namespace injection, workload and namespace restarts, dry runs,
// audit (Event + log line + activity), every 400/403/404/409 path, and a read-only server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  ActivityResponse,
  InjectionResponse,
  NamespaceResponse,
  OverviewResponse,
  RestartResponse,
} from '@/lib/api/dto';
import { Api, errorOf, rawRequest } from './helpers/api';
import {
  applyAll,
  daemonSetYaml,
  deploymentYaml,
  namespaceYaml,
  pauseDeployment,
  statefulSetYaml,
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

const ns = testName('mut');
let server: MeshwatchServer;
let readOnly: MeshwatchServer;
let api: Api;

interface Meta {
  metadata: {
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    managedFields?: { manager: string }[];
    resourceVersion: string;
  };
}
interface EventList {
  items: {
    reason: string;
    message: string;
    involvedObject: { kind: string; name: string };
    source?: { component?: string };
  }[];
}
interface Workload extends Meta {
  spec: { template: { metadata?: { annotations?: Record<string, string> } } };
}

const liveNamespace = () => kubectlJson<Meta>(['get', 'namespace', ns, '--show-managed-fields']);
let originalAnnotations: Record<string, string> | undefined;
const events = (reason: string) =>
  kubectlJson<EventList>(['get', 'events', '-n', ns, '--field-selector', `reason=${reason}`]);
const templateRestartedAt = async (kind: string, name: string) =>
  (await kubectlJson<Workload>(['get', kind.toLowerCase(), name, '-n', ns])).spec.template.metadata
    ?.annotations?.['kubectl.kubernetes.io/restartedAt'];

beforeAll(async () => {
  requireTestbed();
  await applyAll(
    namespaceYaml(ns, { owner: 'alice' }, { team: 'a' }),
    deploymentYaml(ns, 'web'),
    deploymentYaml(ns, 'frozen'),
    statefulSetYaml(ns, 'db'),
    daemonSetYaml(ns, 'agent'),
  );
  await waitForRunningPods(ns, 3 + 3); // web, frozen, db, and agent on each of the 3 fake nodes
  await pauseDeployment(ns, 'frozen');
  originalAnnotations = (await liveNamespace()).metadata.annotations;
  server = await startServer({ name: 'mutations', env: { KUBECONFIG: ADMIN_KUBECONFIG } });
  readOnly = await startServer({
    name: 'read-only',
    env: { KUBECONFIG: ADMIN_KUBECONFIG, MESHWATCH_READ_ONLY: 'true' },
  });
  api = new Api(server);
  await api.waitForNamespace(ns);
});

afterAll(async () => {
  await server?.stop();
  await readOnly?.stop();
  await deleteNamespaces([ns]);
});

describe('POST /api/v1/namespaces/{namespace}/injection', () => {
  const path = `/api/v1/namespaces/${ns}/injection`;

  it('dry run answers what would happen and changes nothing', async () => {
    const before = await liveNamespace();
    const res = await api.post<InjectionResponse>(path, { value: 'enabled', dryRun: true });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      dryRun: true,
      previousValue: null,
      value: 'enabled',
      namespace: { name: ns, injectValue: 'enabled' },
    });
    expect(Array.isArray(res.body.workloadsNeedingRestart)).toBe(true);
    // The command behind the button, exactly, and the manifest fragment that makes it last.
    expect(res.body.commands).toEqual([
      `kubectl annotate namespace ${ns} linkerd.io/inject=enabled --overwrite`,
    ]);
    expect(res.body.manifest).toContain(`  name: ${ns}\n  annotations:\n    linkerd.io/inject: enabled\n`);
    const after = await liveNamespace();
    expect(after.metadata.annotations?.['linkerd.io/inject']).toBeUndefined();
    expect(after.metadata.resourceVersion).toBe(before.metadata.resourceVersion);
    expect((await events('MeshwatchInjectionChanged')).items).toHaveLength(0);
  });

  it('sets the annotation with a merge patch that touches nothing else, and audits it', async () => {
    const before = await liveNamespace();
    const res = await api.post<InjectionResponse>(path, { value: 'enabled' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      dryRun: false,
      previousValue: null,
      value: 'enabled',
      namespace: { injectValue: 'enabled' },
    });

    const after = await liveNamespace();
    expect(after.metadata.annotations).toEqual({
      ...before.metadata.annotations,
      'linkerd.io/inject': 'enabled',
    });
    expect(after.metadata.labels).toEqual(before.metadata.labels);
    expect(after.metadata.managedFields?.map((f) => f.manager)).toContain('meshwatch');

    const recorded = await until(
      'the MeshwatchInjectionChanged event',
      async () => (await events('MeshwatchInjectionChanged')).items[0],
    );
    expect(recorded.involvedObject).toMatchObject({ kind: 'Namespace', name: ns });
    expect(recorded.message).toContain('(none) → "enabled"');
    expect(recorded.source?.component).toBe('meshwatch');

    const line = server
      .jsonLines()
      .find((l) => l.msg === 'meshwatch action' && l.target === `Namespace/${ns}` && l.dryRun === false);
    expect(line).toMatchObject({
      action: 'set-injection',
      result: 'ok',
      old: null,
      new: 'enabled',
      client: '127.0.0.1',
    });

    const activity = await api.get<ActivityResponse>('/api/v1/activity');
    expect(activity.body.entries[0]).toMatchObject({
      action: 'set-injection',
      target: `Namespace/${ns}`,
      dryRun: false,
      result: 'ok',
    });
    expect(activity.body.entries.some((e) => e.dryRun && e.target === `Namespace/${ns}`)).toBe(true);

    // The cache follows (the response did not wait for it).
    await until('the overview to show enabled', async () => {
      const overview = await api.get<OverviewResponse>('/api/v1/overview');
      return overview.body.namespaces.find((n) => n.name === ns)?.injectValue === 'enabled';
    });
  });

  it('switches values and removes the annotation with null', async () => {
    const ingress = await api.post<InjectionResponse>(path, { value: 'ingress' });
    expect(ingress.body).toMatchObject({ previousValue: 'enabled', value: 'ingress' });
    const removed = await api.post<InjectionResponse>(path, { value: null });
    expect(removed.status).toBe(200);
    expect(removed.body).toMatchObject({ previousValue: 'ingress', value: null });
    expect(removed.body.namespace.injectValue).toBeUndefined();
    const after = await liveNamespace();
    expect(after.metadata.annotations).toEqual(originalAnnotations);
    expect(after.metadata.annotations?.owner).toBe('alice');
  });

  it.each([
    ['an invalid value', { value: 'true' }, undefined, 'invalid_value'],
    ['a wrong-case value', { value: 'Enabled' }, undefined, 'invalid_value'],
    ['a missing value', {}, undefined, 'invalid_value'],
    ['an unknown field', { value: 'enabled', replicas: 3 }, undefined, 'bad_request'],
    ['a non-boolean force', { value: 'enabled', force: 'yes' }, undefined, 'bad_request'],
    ['a non-boolean dryRun', { value: 'enabled', dryRun: 'yes' }, undefined, 'bad_request'],
    ['non-JSON', undefined, '{value: enabled', 'bad_request'],
    ['a JSON array', undefined, '["enabled"]', 'bad_request'],
    [
      'an oversized body',
      undefined,
      JSON.stringify({ value: 'enabled', pad: 'x'.repeat(5000) }),
      'payload_too_large',
    ],
  ])('answers 400 for %s', async (_what, body, raw, code) => {
    const before = await liveNamespace();
    const res = await api.post(path, body, { raw });
    expect(res.status).toBe(400);
    expect(errorOf(res).code).toBe(code);
    expect((await liveNamespace()).metadata.resourceVersion).toBe(before.metadata.resourceVersion);
  });

  it('answers 400 for a non-JSON content type, an invalid name; 404 for a missing namespace', async () => {
    const text = await api.post(path, undefined, { raw: '{"value":"enabled"}', contentType: 'text/plain' });
    expect([text.status, errorOf(text).code]).toEqual([400, 'bad_request']);
    const bad = await api.post('/api/v1/namespaces/Not_Valid/injection', { value: 'enabled' });
    expect([bad.status, errorOf(bad).code]).toEqual([400, 'invalid_name']);
    const missing = await api.post(`/api/v1/namespaces/${ns}-missing/injection`, { value: 'enabled' });
    expect(missing.status).toBe(404);
    expect(errorOf(missing)).toEqual({ code: 'not_found', message: `Namespace "${ns}-missing" not found.` });
  });

  it.each([
    ['no CSRF token', { csrf: null }],
    ['a wrong CSRF token', { csrf: 'x'.repeat(43) }],
    ['no Origin or Sec-Fetch-Site', { origin: null }],
    ['a foreign Origin', { origin: 'http://evil.example' }],
    ['a cross-site fetch', { origin: null, headers: { 'sec-fetch-site': 'cross-site' } }],
  ])('answers 403 csrf for %s and changes nothing', async (_what, opts) => {
    const before = await liveNamespace();
    const res = await api.post(path, { value: 'enabled' }, opts);
    expect(res.status).toBe(403);
    expect(errorOf(res).code).toBe('csrf');
    expect((await liveNamespace()).metadata.resourceVersion).toBe(before.metadata.resourceVersion);
  });

  it('answers 403 host_not_allowed for a foreign Host', async () => {
    const token = await api.csrfToken();
    const res = await rawRequest(server.url + path, {
      method: 'POST',
      headers: {
        host: 'evil.example',
        origin: 'http://evil.example',
        'content-type': 'application/json',
        'x-meshwatch-csrf': token,
      },
      body: '{"value":"enabled"}',
    });
    expect(res.status).toBe(403);
    expect(JSON.parse(res.body)).toMatchObject({ error: { code: 'host_not_allowed' } });
  });
});

describe('POST /api/v1/workloads/{namespace}/{kind}/{name}/restart', () => {
  const path = (kind: string, name: string) => `/api/v1/workloads/${ns}/${kind}/${name}/restart`;

  it('dry run changes nothing', async () => {
    // No injector in this testbed: a restart cannot inject anything, so the engine refuses it (#8.8)
    // unless forced; the mechanics below are tested with force.
    const refused = await api.post(path('Deployment', 'web'), { dryRun: true });
    expect([refused.status, errorOf(refused).code, refused.body]).toMatchObject([
      409,
      'cannot_work',
      { error: { reason: 'injector_not_installed' } },
    ]);
    const res = await api.post<RestartResponse>(path('Deployment', 'web'), { dryRun: true, force: true });
    expect(res.status).toBe(200);
    expect(res.body.dryRun).toBe(true);
    expect(res.body.results[0]).toMatchObject({
      namespace: ns,
      kind: 'Deployment',
      name: 'web',
      result: 'done',
      pods: 1,
    });
    expect(await templateRestartedAt('Deployment', 'web')).toBeUndefined();
  });

  it.each(['Deployment/web', 'StatefulSet/db', 'DaemonSet/agent'])(
    'restarts %s like kubectl rollout restart',
    async (ref) => {
      const [kind = '', name = ''] = ref.split('/');
      const res = await api.post<RestartResponse>(path(kind, name), { force: true });
      expect(res.status).toBe(200);
      expect(res.body.forced?.map((f) => f.code)).toEqual(['injector_not_installed']);
      const result = res.body.results[0];
      expect(result).toMatchObject({ kind, name, result: 'done' });
      expect(result?.restartedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      expect(await templateRestartedAt(kind, name)).toBe(result?.restartedAt);
      const event = await until(`the MeshwatchRestarted event on ${ref}`, async () =>
        (await events('MeshwatchRestarted')).items.find(
          (e) => e.involvedObject.kind === kind && e.involvedObject.name === name,
        ),
      );
      expect(event.message).toContain(result?.restartedAt ?? '');
      expect(
        server
          .jsonLines()
          .some(
            (l) =>
              l.action === 'restart-workload' && l.target === `${ns}/${kind}/${name}` && l.result === 'ok',
          ),
      ).toBe(true);
    },
  );

  it('answers 409 paused for a paused Deployment, and leaves it alone', async () => {
    const res = await api.post(path('Deployment', 'frozen'), { force: true });
    expect(res.status).toBe(409);
    expect(errorOf(res)).toEqual({
      code: 'paused',
      message: `Deployment "frozen" is paused: can't restart paused deployment (run rollout resume first).`,
    });
    expect(await templateRestartedAt('Deployment', 'frozen')).toBeUndefined();
  });

  it('answers 404, 400 for kind/name/body problems', async () => {
    const missing = await api.post(path('Deployment', 'ghost'), {});
    expect([missing.status, errorOf(missing)]).toEqual([
      404,
      { code: 'not_found', message: `Deployment "ghost" in namespace "${ns}" not found.` },
    ]);
    for (const kind of ['ReplicaSet', 'deployment', 'Pod', 'CronJob']) {
      const res = await api.post(path(kind, 'web'), {});
      expect([res.status, errorOf(res).code], kind).toEqual([400, 'invalid_kind']);
    }
    const badName = await api.post(path('Deployment', 'Web_1'), {});
    expect([badName.status, errorOf(badName).code]).toEqual([400, 'invalid_name']);
    const unknown = await api.post(path('Deployment', 'web'), { dryRun: true, replicas: 3 });
    expect([unknown.status, errorOf(unknown).code]).toEqual([400, 'bad_request']);
    const noCsrf = await api.post(path('Deployment', 'web'), {}, { csrf: null });
    expect([noCsrf.status, errorOf(noCsrf).code]).toEqual([403, 'csrf']);
  });
});

describe('POST /api/v1/namespaces/{namespace}/restart', () => {
  it('restarts only workloads with missing/unwanted/outdated pods (none without an injector)', async () => {
    const view = await api.get<NamespaceResponse>(`/api/v1/namespaces/${ns}`);
    const expected = view.body.workloads
      .filter(
        (w) =>
          w.statusCounts['missing-proxy'] +
            w.statusCounts['unwanted-proxy'] +
            w.statusCounts['outdated-proxy'] >
          0,
      )
      .map((w) => `${w.kind}/${w.name}`)
      .sort();
    const res = await api.post<RestartResponse>(`/api/v1/namespaces/${ns}/restart`, { dryRun: true });
    expect(res.status).toBe(200);
    expect(res.body.results.map((r) => `${r.kind}/${r.name}`).sort()).toEqual(expected);
  });

  it('answers 404 for a missing namespace and 400 for bad input', async () => {
    const missing = await api.post(`/api/v1/namespaces/${ns}-missing/restart`, {});
    expect([missing.status, errorOf(missing).code]).toEqual([404, 'not_found']);
    const bad = await api.post(`/api/v1/namespaces/${ns}/restart`, { dryRun: 1 });
    expect([bad.status, errorOf(bad).code]).toEqual([400, 'bad_request']);
  });
});

describe('MESHWATCH_READ_ONLY=true', () => {
  it('says so in capabilities and refuses every mutation with 403 read_only', async () => {
    const ro = new Api(readOnly);
    const caps = await ro.get<{ readOnly: boolean }>('/api/v1/capabilities');
    expect(caps.body.readOnly).toBe(true);
    const before = await liveNamespace();
    for (const [path, body] of [
      [`/api/v1/namespaces/${ns}/injection`, { value: 'enabled' }],
      [`/api/v1/namespaces/${ns}/restart`, {}],
      [`/api/v1/workloads/${ns}/Deployment/web/restart`, { dryRun: true }],
    ] as const) {
      const res = await ro.post(path, body);
      expect(res.status, path).toBe(403);
      expect(errorOf(res).code).toBe('read_only');
    }
    expect((await liveNamespace()).metadata.resourceVersion).toBe(before.metadata.resourceVersion);
  });
});
