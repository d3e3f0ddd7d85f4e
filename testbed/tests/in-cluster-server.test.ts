// meshwatch's real in-cluster code path, with the chart's ServiceAccount and nothing else: the full
// chart runs as the built image under podman, the read-only chart as the standalone server in a private
// mount namespace; both get a TokenRequest token, the CA and the namespace where a pod would. Both act
// as the shared identity (auth.mode=serviceaccount); the default chart (auth.mode=user) runs as the
// standalone server too and refuses every request that carries no person's credential.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  CapabilitiesResponse,
  InjectionResponse,
  OverviewResponse,
  RestartResponse,
} from '@/lib/api/dto';
import { Api, errorOf } from './helpers/api';
import { deploymentYaml, namespaceYaml, waitForRunningPods } from './helpers/fixtures';
import { canIList, CHART, helm } from './helpers/helm';
import { podIdentity, startInMountNamespace, startInPodman } from './helpers/in-cluster';
import { READ_ONLY_RULES } from './helpers/rbac-rules';
import type { MeshwatchServer } from './helpers/server';
import { apply, deleteNamespaces, kubectl, kubectlJson, requireTestbed, testName } from './helpers/testbed';

const full = testName('mw');
const ro = testName('mw-ro');
const user = testName('mw-user');
const target = testName('mw-target');
const restricted = { 'pod-security.kubernetes.io/enforce': 'restricted' };
const servers: MeshwatchServer[] = [];
let fullApi: Api;
let roApi: Api;

async function install(ns: string, sets: string[]): Promise<void> {
  const res = await helm(['install', ns, CHART, '-n', ns, '--wait', '--timeout', '180s', ...sets]);
  if (res.code !== 0) throw new Error(`helm install ${ns} failed: ${res.stderr}`);
}

beforeAll(async () => {
  requireTestbed();
  await apply(
    [
      namespaceYaml(full, {}, restricted),
      namespaceYaml(ro, {}, restricted),
      namespaceYaml(user, {}, restricted),
      namespaceYaml(target),
    ].join('---\n') +
      '---\n' +
      deploymentYaml(target, 'web'),
  );
  const shared = ['--set', 'auth.mode=serviceaccount'];
  await Promise.all([
    install(full, shared),
    install(ro, ['--set', 'readOnly=true', ...shared]),
    install(user, []),
  ]);
  await waitForRunningPods(target, 1);
  // Each release is named after its namespace; the chart names its objects `<release>-meshwatch`.
  const [fullId, roId] = await Promise.all([
    podIdentity(full, `${full}-meshwatch`),
    podIdentity(ro, `${ro}-meshwatch`),
  ]);
  const fullServer = await startInPodman('in-cluster-image', fullId);
  servers.push(fullServer);
  const roServer = await startInMountNamespace('in-cluster-read-only', roId);
  servers.push(roServer);
  fullApi = new Api(fullServer);
  roApi = new Api(roServer);
  await Promise.all([fullApi.waitForNamespace(target), roApi.waitForNamespace(target)]);
});

afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  await Promise.all([full, ro, user].map((r) => helm(['uninstall', r, '-n', r, '--wait'])));
  await deleteNamespaces([full, ro, user, target]);
});

const injection = `/api/v1/namespaces/${target}/injection`;
const restart = `/api/v1/workloads/${target}/Deployment/web/restart`;

async function targetState(): Promise<{ inject?: string; restartedAt?: string }> {
  const nsObj = await kubectlJson<{ metadata: { annotations?: Record<string, string> } }>([
    'get',
    'ns',
    target,
  ]);
  const deploy = await kubectlJson<{
    spec: { template: { metadata: { annotations?: Record<string, string> } } };
  }>(['get', 'deployment', 'web', '-n', target]);
  return {
    inject: nsObj.metadata.annotations?.['linkerd.io/inject'],
    restartedAt: deploy.spec.template.metadata.annotations?.['kubectl.kubernetes.io/restartedAt'],
  };
}

describe.each([
  ['the image under podman (full chart)', () => fullApi],
  ['the standalone server in a mount namespace (read-only chart)', () => roApi],
])('%s', (_, api) => {
  it('runs in-cluster and its overview lists every seeded namespace', async () => {
    const seeded = (await kubectl(['get', 'ns', '-l', 'meshwatch.io/demo=true', '-o', 'name'])).stdout
      .split('\n')
      .filter(Boolean)
      .map((n) => n.replace('namespace/', ''));
    expect(seeded.length, 'the demo namespaces are seeded (npm run testbed:seed)').toBeGreaterThan(0);
    const overview = await api().get<OverviewResponse>('/api/v1/overview');
    expect(overview.status).toBe(200);
    expect(overview.body.context.inCluster).toBe(true);
    const listed = overview.body.namespaces.map((n) => n.name);
    for (const name of [...seeded, target]) expect(listed).toContain(name);
  });
});

describe('full chart: every action works with the chart ServiceAccount', () => {
  it('capabilities say it may do everything its actions need', async () => {
    const caps = await fullApi.get<CapabilitiesResponse>('/api/v1/capabilities');
    expect(caps.body.readOnly).toBe(false);
    expect(Object.values(caps.body.can)).toEqual(Object.values(caps.body.can).map(() => true));
  });

  it('annotates the namespace and restarts the Deployment', async () => {
    const annotate = await fullApi.post<InjectionResponse>(injection, { value: 'enabled' });
    expect(annotate.status, JSON.stringify(annotate.body)).toBe(200);
    // The testbed has no injector, so the engine says a restart cannot inject anything: refused, then
    // forced, as an operator would after reading why.
    const refused = await fullApi.post(restart, {});
    expect(refused.status, JSON.stringify(refused.body)).toBe(409);
    expect(errorOf(refused).code).toBe('cannot_work');
    const restarted = await fullApi.post<RestartResponse>(restart, { force: true });
    expect(restarted.status, JSON.stringify(restarted.body)).toBe(200);
    expect(restarted.body.results[0]).toMatchObject({ name: 'web', result: 'done' });
    expect(await targetState()).toEqual({
      inject: 'enabled',
      restartedAt: restarted.body.results[0]?.restartedAt,
    });
  });
});

describe('read-only chart: refuses every action, and RBAC would too', () => {
  it('capabilities match the role: nothing may be patched or created', async () => {
    const caps = await roApi.get<CapabilitiesResponse>('/api/v1/capabilities');
    expect(caps.body.readOnly).toBe(true);
    expect(Object.values(caps.body.can)).toEqual(Object.values(caps.body.can).map(() => false));
    expect(Object.keys(caps.body.why).sort()).toEqual(Object.keys(caps.body.can).sort());
  });

  it('annotate and restart answer 403 read_only and change nothing', async () => {
    const before = await targetState();
    const annotate = await roApi.post(injection, { value: 'disabled' });
    expect(annotate.status).toBe(403);
    expect(errorOf(annotate).code).toBe('read_only');
    const restarted = await roApi.post(restart, {});
    expect(restarted.status).toBe(403);
    expect(errorOf(restarted).code).toBe('read_only');
    expect(await targetState()).toEqual(before);
  });

  it('its ServiceAccount has exactly the read-only rule set', async () => {
    await apply(`apiVersion: v1\nkind: ServiceAccount\nmetadata: { name: baseline, namespace: ${ro} }\n`);
    const baseline = await canIList(ro, { namespace: ro, name: 'baseline' });
    expect(await canIList(ro, { namespace: ro, name: `${ro}-meshwatch` })).toEqual(
      [...baseline, ...READ_ONLY_RULES].sort(),
    );
  });
});

describe('user chart (the default): no credential, no answer', () => {
  let userApi: Api;
  let ownToken = '';

  beforeAll(async () => {
    const id = await podIdentity(user, `${user}-meshwatch`);
    expect(id.env.MESHWATCH_AUTH).toBe('user');
    ownToken = readFileSync(path.join(id.dir, 'token'), 'utf8');
    const server = await startInMountNamespace('in-cluster-user', id);
    servers.push(server);
    userApi = new Api(server);
  });

  it('GET /api/v1/overview without a credential answers 401 unauthenticated', async () => {
    const overview = await userApi.get('/api/v1/overview');
    expect(overview.status, JSON.stringify(overview.body)).toBe(401);
    expect(errorOf(overview).code).toBe('unauthenticated');
  });

  it('ignores a bearer token from an address the chart does not trust (auth.trustedProxies is empty)', async () => {
    const overview = await userApi.get('/api/v1/overview', { authorization: `Bearer ${ownToken}` });
    expect(overview.status).toBe(401);
    expect(errorOf(overview).code).toBe('unauthenticated');
    expect(JSON.stringify(overview.body)).not.toContain(ownToken);
  });
});
