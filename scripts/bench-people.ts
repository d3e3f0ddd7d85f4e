// npm run bench:people — what acting as the person (#25, MESHWATCH_AUTH=user) costs. On the testbed:
// BENCH_PEOPLE_NAMESPACES extra namespaces, and 50 ServiceAccounts signed in through a trusted proxy's
// bearer header: half may list pods everywhere (one access review covers them), half in 5 namespaces
// each (a review per namespace). Then the same overview load (BENCH_PEOPLE_RPS for BENCH_PEOPLE_SECONDS)
// from one person, from all 50, and from a shared-identity server, with p50/p99, errors, the access
// reviews sent, and the server's CPU; before that, everyone's first page view at once. Measures; never
// asserts.
import { Agent, request } from 'node:http';
import { startServer, type MeshwatchServer } from '../testbed/tests/helpers/server';
import { ADMIN_KUBECONFIG, requireTestbed } from '../testbed/tests/helpers/testbed';
import { quantile } from './bench-stats';
import { kubectl } from './bench-testbed';
import { procStats, serverPid } from './bench-load';

const env = process.env;
const PEOPLE = 50;
const EXTRA_NAMESPACES = Number(env.BENCH_PEOPLE_NAMESPACES ?? 200);
const RPS = Number(env.BENCH_PEOPLE_RPS ?? 50);
// Longer than the access cache's refresh-ahead point (40 s of 60): the re-reviews happen inside the phase.
const SECONDS = Number(env.BENCH_PEOPLE_SECONDS ?? 45);
const PROXY = '127.0.0.2';
const NS = 'bench-people';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function setUp(): string[] {
  const namespaces = Array.from({ length: EXTRA_NAMESPACES }, (_, i) => `bench-people-ns-${i}`);
  const docs = [`apiVersion: v1\nkind: Namespace\nmetadata: { name: ${NS} }`];
  for (const ns of namespaces) docs.push(`apiVersion: v1\nkind: Namespace\nmetadata: { name: ${ns} }`);
  docs.push(`apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: bench-people-viewer }
rules: [{ apiGroups: [""], resources: [pods], verbs: [list] }]`);
  for (let i = 0; i < PEOPLE; i++) {
    const name = `person-${i}`;
    docs.push(`apiVersion: v1\nkind: ServiceAccount\nmetadata: { name: ${name}, namespace: ${NS} }`);
    const subject = `[{ kind: ServiceAccount, name: ${name}, namespace: ${NS} }]`;
    if (i % 2 === 0) {
      docs.push(`apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: bench-people-${name} }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: bench-people-viewer }
subjects: ${subject}`);
    } else {
      for (let k = 0; k < 5; k++) {
        const ns = namespaces[(i * 5 + k) % namespaces.length];
        docs.push(`apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: ${name}, namespace: ${ns} }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: bench-people-viewer }
subjects: ${subject}`);
      }
    }
  }
  kubectl(['apply', '-f', '-'], docs.join('\n---\n'));
  return Array.from({ length: PEOPLE }, (_, i) =>
    kubectl(['create', 'token', `person-${i}`, '-n', NS, '--duration=1h']).trim(),
  );
}

function tearDown(): void {
  const crbs = kubectl(['get', 'clusterrolebinding', '-o', 'name'])
    .split('\n')
    .filter((n) => n.includes('bench-people-'));
  if (crbs.length > 0) kubectl(['delete', ...crbs, '--ignore-not-found', '--wait=false']);
  kubectl(['delete', 'clusterrole', 'bench-people-viewer', '--ignore-not-found']);
  const all = [NS, ...Array.from({ length: EXTRA_NAMESPACES }, (_, i) => `bench-people-ns-${i}`)];
  kubectl(['delete', 'namespace', ...all, '--ignore-not-found', '--wait=false']);
}

const agent = new Agent({ keepAlive: true, maxSockets: 256, localAddress: PROXY });

function overview(
  server: MeshwatchServer,
  token: string | undefined,
  timeoutMs = 10_000,
): Promise<{ ms: number; status: number }> {
  const start = performance.now();
  return new Promise((resolve) => {
    const req = request(
      `${server.url}/api/v1/overview`,
      {
        agent,
        headers: { 'accept-encoding': 'gzip', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        signal: AbortSignal.timeout(timeoutMs),
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ ms: performance.now() - start, status: res.statusCode ?? 0 }));
        res.on('error', () => resolve({ ms: performance.now() - start, status: 0 }));
      },
    );
    req.on('error', () => resolve({ ms: performance.now() - start, status: 0 }));
    req.end();
  });
}

async function reviews(server: MeshwatchServer, token: string): Promise<number> {
  const res = await new Promise<string>((resolve, reject) => {
    const req = request(
      `${server.url}/api/v1/diagnostics`,
      { agent, headers: { authorization: `Bearer ${token}` } },
      (r) => {
        let text = '';
        r.on('data', (c: Buffer) => (text += c.toString()));
        r.on('end', () => resolve(text));
      },
    );
    req.on('error', reject);
    req.end();
  });
  return (JSON.parse(res) as { accessReviews: number }).accessReviews;
}

/** RPS overview requests for SECONDS, each as a person picked in turn from `tokens`. */
async function load(server: MeshwatchServer, tokens: (string | undefined)[], label: string) {
  const pid = serverPid(server);
  const cpuBefore = procStats(pid)?.cpuSeconds ?? 0;
  const results: Promise<{ ms: number; status: number }>[] = [];
  const start = performance.now();
  for (let i = 0; i < RPS * SECONDS; i++) {
    const due = start + (i * 1000) / RPS;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    results.push(overview(server, tokens[i % tokens.length]));
  }
  const done = await Promise.all(results);
  const wall = (performance.now() - start) / 1000;
  const cpu = ((procStats(pid)?.cpuSeconds ?? 0) - cpuBefore) / wall;
  const ok = done.filter((d) => d.status === 200).map((d) => d.ms);
  const row = {
    phase: label,
    requests: done.length,
    errors: done.length - ok.length,
    p50: quantile(ok, 0.5).toFixed(1),
    p99: quantile(ok, 0.99).toFixed(1),
    max: Math.max(...ok).toFixed(1),
    cpu: `${(cpu * 100).toFixed(0)} %`,
  };
  console.log(JSON.stringify(row));
  return row;
}

async function main(): Promise<void> {
  requireTestbed();
  console.log(
    `bench:people — ${PEOPLE} people, ${EXTRA_NAMESPACES} extra namespaces, ${RPS} req/s for ${SECONDS} s`,
  );
  const tokens = setUp();
  const user = await startServer({
    name: 'bench-people',
    env: { KUBECONFIG: ADMIN_KUBECONFIG, MESHWATCH_AUTH: 'user', MESHWATCH_TRUSTED_PROXIES: PROXY },
  });
  const shared = await startServer({ name: 'bench-people-shared', env: { KUBECONFIG: ADMIN_KUBECONFIG } });
  try {
    await sleep(3000); // the extra namespaces reach the cache
    const limited = tokens[1]!;
    const wide = tokens[0]!;
    // The filter's cost in access reviews: a first and a second page view, per kind of person.
    for (const [kind, token] of [
      ['cluster-wide viewer', wide],
      ['viewer of 5 namespaces', limited],
    ] as const) {
      const a = await reviews(user, token);
      await overview(user, token);
      const b = await reviews(user, token);
      await overview(user, token);
      const c = await reviews(user, token);
      console.log(JSON.stringify({ person: kind, firstViewReviews: b - a, secondViewReviews: c - b }));
    }
    // Everyone's first page view at once (a shift change): the limited half asks a review per namespace.
    const coldStart = performance.now();
    const cold = await Promise.all(tokens.map((t) => overview(user, t, 60_000)));
    const coldMs = cold.filter((c) => c.status === 200).map((c) => c.ms);
    console.log(
      JSON.stringify({
        phase: `first page view of ${PEOPLE} people at once`,
        errors: cold.length - coldMs.length,
        p50: quantile(coldMs, 0.5).toFixed(0),
        max: Math.max(...coldMs).toFixed(0),
        wallMs: (performance.now() - coldStart).toFixed(0),
      }),
    );
    const before = await reviews(user, wide);
    // Right after: the 50 are signed in and active (each asks about once a second, so refresh-ahead
    // renews their answers in the background); then one of them alone; then no per-person work at all.
    const rows = [
      await load(user, tokens, `user mode, ${PEOPLE} people signed in (half cluster-wide)`),
      await load(user, [limited], 'user mode, 1 person (5 namespaces)'),
      await load(shared, [undefined], 'shared identity (kubeconfig mode)'),
    ];
    const sent = (await reviews(user, wide)) - before;
    console.table(rows);
    console.log(`access reviews sent during the two user-mode phases: ${sent}`);
  } finally {
    await user.stop();
    await shared.stop();
    tearDown();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
