// #25: meshwatch in MESHWATCH_AUTH=user mode acts as the person, never as itself. Real ServiceAccounts
// (alice, bob, carol) with TokenRequest tokens reach it through an "authenticating proxy" (a bearer
// header sent from the one trusted loopback address, 127.0.0.2) or a sign-in session. Their RBAC
// decides what they see and change, and the API server's audit log names them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  ActivityResponse,
  CapabilitiesResponse,
  DiagnosticsResponse,
  ErrorBody,
  NamespaceResponse,
  OverviewResponse,
  PlanRun,
  RestartPlanResponse,
  RestartPlanStartResponse,
  SessionResponse,
} from '@/lib/api/dto';
import { installInjectorWebhook } from './helpers/fixtures';
import {
  createPeople,
  deletePeople,
  deleteServiceAccount,
  findAuditEvents,
  mintToken,
  waitForAuditEvents,
  type People,
  type Person,
} from './helpers/people';
import { PersonApi, received } from './helpers/person-api';
import { startServer, type MeshwatchServer } from './helpers/server';
import {
  ADMIN_KUBECONFIG,
  apply,
  kubectl,
  kubectlJson,
  requireTestbed,
  testName,
  until,
} from './helpers/testbed';

const prefix = testName('person');
const PROXY = '127.0.0.2';
let who: People;
let server: MeshwatchServer;
let dave: Person;

const viaProxy = (p: Person) => new PersonApi(server, { bearer: p.token, from: PROXY });
const code = (answer: { body: unknown }) => (answer.body as ErrorBody).error?.code;
const message = (answer: { body: unknown }) => (answer.body as ErrorBody).error?.message ?? '';

beforeAll(async () => {
  requireTestbed();
  who = await createPeople(prefix);
  // dave: a fourth identity whose ServiceAccount the revocation test deletes.
  await apply(
    `apiVersion: v1\nkind: ServiceAccount\nmetadata: { name: dave, namespace: ${who.namespace} }\n`,
  );
  dave = {
    name: 'alice',
    namespace: who.namespace,
    username: `system:serviceaccount:${who.namespace}:dave`,
    token: await mintToken(who.namespace, 'dave'),
  };
  server = await startServer({
    name: 'person',
    env: {
      KUBECONFIG: ADMIN_KUBECONFIG,
      MESHWATCH_AUTH: 'user',
      MESHWATCH_TRUSTED_PROXIES: PROXY,
      // A revoked token is refused within this (plus the API server's own 10 s token cache).
      MESHWATCH_AUTH_RECHECK_SECONDS: '3',
    },
  });
  // The shared cache (meshwatch's own identity) sees the team namespaces before anyone asks.
  const admin = new PersonApi(server, { bearer: who.alice.token, from: PROXY });
  await until(
    'the cache to hold team-a',
    async () => (await admin.get(`/api/v1/namespaces/${who.teamA}`)).status === 200,
  );
});

afterAll(async () => {
  await server?.stop();
  await deletePeople(prefix);
});

describe('no credential, no answer', () => {
  it.each([
    '/api/v1/overview',
    '/api/v1/context',
    '/api/v1/capabilities',
    '/api/v1/session',
    '/api/v1/activity',
    '/api/v1/restart-plan',
    '/api/v1/stream',
    '/metrics',
  ])('GET %s answers 401 unauthenticated', async (path) => {
    const answer = await new PersonApi(server).get(path);
    expect(answer.status).toBe(401);
    expect(code(answer)).toBe('unauthenticated');
  });

  it('a page answers 401 with the way to the sign-in page', async () => {
    const answer = await new PersonApi(server).send('GET', `/namespaces/${who.teamA}`, undefined, {
      accept: 'text/html',
    });
    expect(answer.status).toBe(401);
    expect(answer.text).toContain(`/sign-in?next=${encodeURIComponent(`/namespaces/${who.teamA}`)}`);
    // The probes stay open: kubelet has no credential.
    expect((await new PersonApi(server).get('/api/readyz')).status).toBe(200);
  });

  it('a bearer header from an address that is not a trusted proxy is ignored', async () => {
    const forged = new PersonApi(server, { bearer: who.alice.token, from: '127.0.0.1' });
    const answer = await forged.get('/api/v1/overview');
    expect(answer.status).toBe(401);
    expect(message(answer)).toMatch(/from 127\.0\.0\.1 was ignored/);
  });

  it('a made-up or tampered session cookie is no session', async () => {
    const forged = new PersonApi(server);
    forged.cookie = 'meshwatch-session=Fe26.2**made-up';
    expect((await forged.get('/api/v1/overview')).status).toBe(401);
  });
});

describe('alice, through the authenticating proxy', () => {
  it('is named by the API server, not by a header', async () => {
    const answer = await viaProxy(who.alice).get<SessionResponse>('/api/v1/session');
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      mode: 'user',
      via: 'proxy',
      person: { username: who.alice.username },
    });
    expect(answer.body.person?.groups).toContain('system:authenticated');
  });

  it('sees team-a and team-b in the overview, never team-c, and counts only what she sees', async () => {
    const answer = await viaProxy(who.alice).get<OverviewResponse>('/api/v1/overview');
    expect(answer.status).toBe(200);
    const names = answer.body.namespaces.map((n) => n.name);
    expect(names).toEqual(expect.arrayContaining([who.teamA, who.teamB]));
    expect(names).not.toContain(who.teamC);
    expect(names).not.toContain('kube-system');
    expect(answer.body.cluster.namespaces).toBe(names.length);
    expect(answer.body.cluster.pods).toBe(answer.body.namespaces.reduce((n, ns) => n + ns.pods, 0));
  });

  it("team-c's page and pods answer 404, exactly as a namespace that does not exist", async () => {
    const alice = viaProxy(who.alice);
    const hidden = await alice.get(`/api/v1/namespaces/${who.teamC}`);
    const absent = await alice.get(`/api/v1/namespaces/${prefix}-nowhere`);
    expect(hidden.status).toBe(404);
    expect(message(hidden)).toBe(message(absent).replace(`${prefix}-nowhere`, who.teamC));
    expect((await alice.get(`/api/v1/namespaces/${who.teamC}/pods/web-0`)).status).toBe(404);
    expect((await alice.get(`/api/v1/capabilities?namespace=${who.teamC}`)).status).toBe(404);
  });

  it('may change team-a: her buttons say so, and the reasons name her where not', async () => {
    const caps = await viaProxy(who.alice).get<CapabilitiesResponse>(
      `/api/v1/capabilities?namespace=${who.teamA}`,
    );
    expect(caps.body.can).toMatchObject({ patchNamespaces: true, patchDeployments: true });
    const elsewhere = await viaProxy(who.alice).get<CapabilitiesResponse>(
      `/api/v1/capabilities?namespace=${who.teamB}`,
    );
    expect(elsewhere.body.can.patchDeployments).toBe(false);
    expect(elsewhere.body.why.patchDeployments).toBe(
      `${who.alice.username} may not patch deployments.apps in ${who.teamB} (RBAC).`,
    );
  });

  it("annotates team-a as herself: the audit log, the Event and meshwatch's own line name alice", async () => {
    const since = new Date(Date.now() - 1000);
    const answer = await viaProxy(who.alice).post(`/api/v1/namespaces/${who.teamA}/injection`, {
      value: 'enabled',
    });
    expect(answer.status, answer.text).toBe(200);
    const [patch] = await waitForAuditEvents({
      verb: 'patch',
      resource: 'namespaces',
      name: who.teamA,
      since,
    });
    expect(patch?.user.username).toBe(who.alice.username);
    const line = server
      .jsonLines()
      .find(
        (l) => l.msg === 'meshwatch action' && l.target === `Namespace/${who.teamA}` && l.result === 'ok',
      );
    expect(line?.person).toMatchObject({ username: who.alice.username });
    const events = await kubectlJson<{ items: { reason: string; message: string }[] }>([
      'get',
      'events',
      '-n',
      who.teamA,
      '--field-selector',
      'reason=MeshwatchInjectionChanged',
    ]);
    expect(events.items.map((e) => e.message).join('\n')).toContain(`by ${who.alice.username}`);
    // The Event was written with her token, too.
    const created = findAuditEvents({ verb: 'create', resource: 'events', namespace: who.teamA, since });
    expect(created.map((e) => e.user.username)).toContain(who.alice.username);
  });

  it("her activity page shows team-a's change, and nothing from namespaces she cannot see", async () => {
    const answer = await viaProxy(who.alice).get<ActivityResponse>('/api/v1/activity');
    const targets = answer.body.entries.map((e) => e.target);
    expect(targets).toContain(`Namespace/${who.teamA}`);
    expect(targets.some((t) => t.includes(who.teamC))).toBe(false);
    expect(answer.body.entries.find((e) => e.target === `Namespace/${who.teamA}`)?.person).toBe(
      who.alice.username,
    );
  });

  it('her stream names the changes in her namespaces only', async () => {
    const controller = new AbortController();
    const res = await fetch(`${server.url}/api/v1/stream`, {
      // Node's fetch cannot pick a source address: the cookie session stands in for the proxy here.
      headers: { cookie: await sessionCookieOf(who.alice) },
      signal: controller.signal,
    });
    expect(res.status).toBe(200);
    let text = '';
    const reading = (async () => {
      const reader = res.body!.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        text += new TextDecoder().decode(value);
      }
    })().catch(() => undefined);
    await new Promise((r) => setTimeout(r, 1500)); // the stream's first scope answer
    await kubectl(['annotate', 'namespace', who.teamC, 'meshwatch.io/touched=1', '--overwrite']);
    await kubectl(['annotate', 'namespace', who.teamB, 'meshwatch.io/touched=1', '--overwrite']);
    await until('a change event for team-b', async () => text.includes(who.teamB));
    controller.abort();
    await reading;
    expect(text).not.toContain(who.teamC);
  });
});

describe('bob, signed in with his token', () => {
  const bob = () => new PersonApi(server);
  let session: PersonApi;

  beforeAll(async () => {
    session = bob();
    const answer = await session.signIn(who.bob.token);
    expect(answer.status, answer.text).toBe(200);
  });

  it('gets an HttpOnly, SameSite=Strict cookie that holds no token', async () => {
    const again = bob();
    const answer = await again.signIn(who.bob.token);
    const cookie = [answer.headers['set-cookie'] ?? []].flat().join('\n');
    expect(cookie).toMatch(/^meshwatch-session=[^;]+; Path=\/; HttpOnly; SameSite=Strict; Max-Age=\d+$/);
    expect(cookie).not.toContain(who.bob.token);
    expect(answer.body).toMatchObject({ via: 'session', person: { username: who.bob.username } });
  });

  it('may only view team-a: his annotate answers 403 naming him and patch, and changes nothing', async () => {
    const before = await kubectlJson<{ metadata: { resourceVersion: string } }>([
      'get',
      'namespace',
      who.teamA,
    ]);
    const answer = await session.post(`/api/v1/namespaces/${who.teamA}/injection`, { value: 'disabled' });
    expect(answer.status).toBe(403);
    expect(code(answer)).toBe('forbidden');
    expect(message(answer)).toContain(who.bob.username);
    expect(message(answer)).toContain('may not patch');
    const after = await kubectlJson<{ metadata: { resourceVersion: string } }>([
      'get',
      'namespace',
      who.teamA,
    ]);
    expect(after.metadata.resourceVersion).toBe(before.metadata.resourceVersion);
    const restart = await session.post(`/api/v1/workloads/${who.teamA}/Deployment/web/restart`, {
      dryRun: true,
    });
    expect(restart.status).toBe(403);
    expect(message(restart)).toBe(
      `${who.bob.username} may not patch deployments in ${who.teamA} (Kubernetes RBAC).`,
    );
  });

  it('sees team-a, and his buttons are off with his own reason', async () => {
    const page = await session.get<NamespaceResponse>(`/api/v1/namespaces/${who.teamA}`);
    expect(page.status).toBe(200);
    const caps = await session.get<CapabilitiesResponse>(`/api/v1/capabilities?namespace=${who.teamA}`);
    expect(caps.body.can.patchNamespaces).toBe(false);
    expect(caps.body.why.patchNamespaces).toMatch(
      new RegExp(`^${who.bob.username} may not patch namespaces`),
    );
  });

  it('signs out: the cookie is cleared and no longer opens anything', async () => {
    const out = bob();
    await out.signIn(who.bob.token);
    const kept = out.cookie;
    expect((await out.get('/api/v1/overview')).status).toBe(200);
    const answer = await out.signOut();
    expect(answer.status).toBe(200);
    expect([answer.headers['set-cookie']].flat().join()).toMatch(/meshwatch-session=; .*Max-Age=0/);
    // A stolen copy of the cookie is worth nothing now: the token it pointed to is gone.
    const thief = bob();
    thief.cookie = kept;
    expect((await thief.get('/api/v1/overview')).status).toBe(401);
  });

  it('sign-in takes only a same-origin request and a real token', async () => {
    const foreign = await bob().send(
      'POST',
      '/api/v1/session',
      { token: who.bob.token },
      { origin: 'https://evil.example' },
    );
    expect(foreign.status).toBe(403);
    expect(code(foreign)).toBe('csrf');
    const garbage = await bob().signIn('not-a-real-token');
    expect(garbage.status).toBe(401);
    expect(code(garbage)).toBe('unauthenticated');
  });
});

describe('carol, who may view nothing', () => {
  it("gets 404 on team-a's page and pod, and an empty overview", async () => {
    const carol = viaProxy(who.carol);
    expect((await carol.get(`/api/v1/namespaces/${who.teamA}`)).status).toBe(404);
    expect((await carol.get(`/api/v1/namespaces/${who.teamA}/pods/whatever`)).status).toBe(404);
    const change = await carol.post(`/api/v1/namespaces/${who.teamA}/injection`, { value: 'disabled' });
    expect(change.status).toBe(404);
    const overview = await carol.get<OverviewResponse>('/api/v1/overview');
    expect(overview.body.namespaces).toEqual([]);
    expect(overview.body.cluster.pods).toBe(0);
    expect((await carol.get('/metrics')).status).toBe(403);
    const activity = await carol.get<ActivityResponse>('/api/v1/activity');
    expect(activity.body.entries).toEqual([]);
  });
});

describe('the cost of the filter, and revocation', () => {
  it("a person's second overview within the cache time sends no access review", async () => {
    const alice = viaProxy(who.alice);
    const before = (await alice.get<DiagnosticsResponse>('/api/v1/diagnostics')).body.accessReviews;
    await alice.get('/api/v1/overview');
    const after = (await alice.get<DiagnosticsResponse>('/api/v1/diagnostics')).body.accessReviews;
    expect(after).toBe(before);
  });

  it("a deleted ServiceAccount's token is refused within the recheck time (and its session ends)", async () => {
    const session = new PersonApi(server);
    expect((await session.signIn(dave.token)).status).toBe(200);
    const proxied = new PersonApi(server, { bearer: dave.token, from: PROXY });
    expect((await proxied.get('/api/v1/session')).status).toBe(200);
    await deleteServiceAccount({ ...dave, name: 'dave' as Person['name'] });
    const start = Date.now();
    // 3 s recheck + the API server's own 10 s token cache.
    await until(
      'the token to be refused',
      async () => (await proxied.get('/api/v1/session')).status === 401,
      30_000,
    );
    await until(
      'the session to end',
      async () => (await session.get('/api/v1/session')).status === 401,
      30_000,
    );
    console.log(`revoked token refused after ${((Date.now() - start) / 1000).toFixed(1)} s`);
  });
});

describe('the restart plan runs as whoever started it', () => {
  const label = { 'meshwatch.io/person-plan': prefix };
  let removeWebhook: (() => Promise<void>) | undefined;
  let bob: PersonApi;

  beforeAll(async () => {
    // team-a (alice opted it in above) gets an injector webhook that does not answer: its pod, created
    // before, now lacks the proxy it should have, and a restart would fix it.
    await kubectl(['label', 'namespace', who.teamA, `meshwatch.io/person-plan=${prefix}`, '--overwrite']);
    removeWebhook = await installInjectorWebhook(`${prefix}-wh`, label);
    await until('team-a to need a restart', async () => {
      const { body } = await viaProxy(who.alice).get<RestartPlanResponse>('/api/v1/restart-plan');
      return body.targets.some((t) => t.namespace === who.teamA) || undefined;
    });
    bob = new PersonApi(server);
    await bob.signIn(who.bob.token);
  });

  afterAll(async () => {
    await removeWebhook?.();
  });

  it('shows each person the plan over their namespaces only', async () => {
    const carol = await viaProxy(who.carol).get<RestartPlanResponse>('/api/v1/restart-plan');
    expect(carol.body.targets).toEqual([]);
    const bobs = await bob.get<RestartPlanResponse>('/api/v1/restart-plan');
    expect(bobs.body.targets.map((t) => t.namespace)).toEqual([who.teamA]);
  });

  it("bob's dry run fails on his own missing permission, workload by workload", async () => {
    const answer = await bob.post<RestartPlanStartResponse>('/api/v1/restart-plan', {
      dryRun: true,
      force: true,
    });
    expect(answer.status, answer.text).toBe(200);
    const result = answer.body.results?.find((r) => r.namespace === who.teamA);
    expect(result?.result).toBe('failed');
    expect(result?.why).toContain(`${who.bob.username} may not patch deployments`);
  });

  it('alice starts it: the restart is hers in the audit log, the run names her, bob may not cancel it', async () => {
    const since = new Date(Date.now() - 1000);
    const started = await viaProxy(who.alice).post<RestartPlanStartResponse>('/api/v1/restart-plan', {
      force: true,
      waveSize: 1,
    });
    expect(started.status, started.text).toBe(202);
    const run = started.body.run!;
    expect(run.by).toBe(who.alice.username);
    expect(run.targets.map((t) => t.namespace)).toEqual([who.teamA]);

    const refused = await bob.post('/api/v1/restart-plan/cancel', { id: run.id });
    expect(refused.status).toBe(403);
    expect(message(refused)).toBe(
      `${who.bob.username} may not stop this restart plan: it restarts deployments in ${who.teamA}, which ${who.bob.username} may not patch.`,
    );

    const [patch] = await waitForAuditEvents({
      verb: 'patch',
      resource: 'deployments',
      namespace: who.teamA,
      name: 'web',
      since,
      code: 200, // bob's dry run above was refused: his 403 is in the log too
    });
    expect(patch?.user.username).toBe(who.alice.username);

    const cancelled = await viaProxy(who.alice).post<{ run: PlanRun }>('/api/v1/restart-plan/cancel', {
      id: run.id,
    });
    // She may stop it; it may also have ended on its own already (its new pod still lacks the proxy).
    if (cancelled.status === 409) expect(message(cancelled)).toMatch(/is not running/);
    else expect(cancelled.status, cancelled.text).toBe(200);
    const now = await viaProxy(who.alice).get<RestartPlanResponse>('/api/v1/restart-plan');
    expect(now.body.run?.by).toBe(who.alice.username);
  });
});

describe('no token ever leaves the server', () => {
  it('in no response body or header, and in no log line', () => {
    const tokens = [who.alice.token, who.bob.token, who.carol.token, dave.token];
    expect(received.length).toBeGreaterThan(30);
    for (const answer of received) {
      const all = answer.text + JSON.stringify(answer.headers);
      for (const token of tokens) expect(all.includes(token)).toBe(false);
    }
    const logs = server.logs();
    expect(logs.length).toBeGreaterThan(0);
    for (const token of tokens) expect(logs.includes(token)).toBe(false);
    // Nor any recognisable piece of one (a JWT's signature part).
    for (const token of tokens) expect(logs.includes(token.split('.')[2]!.slice(0, 24))).toBe(false);
  });
});

async function sessionCookieOf(p: Person): Promise<string> {
  const api = new PersonApi(server);
  const answer = await api.signIn(p.token);
  if (answer.status !== 200 || !api.cookie) throw new Error(`sign-in as ${p.name} failed: ${answer.text}`);
  return api.cookie;
}
