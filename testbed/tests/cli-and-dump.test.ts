// `meshwatch check` / `explain` (bin/meshwatch, as a pipeline runs it) against the seeded testbed, and a
// kubectl dump of the testbed analysed offline — by the CLI and by a dashboard started on it
// (MESHWATCH_SNAPSHOT) — giving the live server's verdict for every pod.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NamespaceResponse, OverviewResponse, PodRow } from '@/lib/api/dto';
import { isCounted, POD_STATUSES, RESTART_FIXES, type PodStatus, type PodVerdict } from '@/lib/mesh';
import { Api } from './helpers/api';
import { startServer, type MeshwatchServer } from './helpers/server';
import { ADMIN_KUBECONFIG, kubectl, requireTestbed, ROOT } from './helpers/testbed';
import { meshwatchCli } from './helpers/cli';

const WORK = path.join(ROOT, 'test-results', 'integration', 'cli');
const DUMP = path.join(WORK, 'testbed-dump.json');
const RESOURCES =
  'namespaces,pods,deployments,statefulsets,daemonsets,replicasets,jobs,cronjobs,mutatingwebhookconfigurations,configmaps';

let live: MeshwatchServer;
let snapshot: MeshwatchServer;

const meshwatch = (args: string[], env: Record<string, string> = {}) => meshwatchCli(args, WORK, env);

/** Every pod of every namespace, as the server's namespace route answers. */
async function allPods(server: MeshwatchServer): Promise<PodRow[]> {
  const api = new Api(server);
  const overview = (await api.get<OverviewResponse>('/api/v1/overview')).body;
  const pods: PodRow[] = [];
  for (const n of overview.namespaces) {
    const res = await api.get<NamespaceResponse>(`/api/v1/namespaces/${n.name}`);
    expect(res.status, n.name).toBe(200);
    pods.push(...res.body.pods);
  }
  return pods;
}

const verdict = (p: PodVerdict) => ({
  pod: `${p.namespace}/${p.name}`,
  status: p.status,
  expected: p.expected,
  meshed: p.meshed,
  reasons: p.reasons.map((r) => r.code),
  workload: p.workload ?? null,
});

beforeAll(async () => {
  requireTestbed();
  mkdirSync(WORK, { recursive: true });
  live = await startServer({ name: 'cli-live', env: { KUBECONFIG: ADMIN_KUBECONFIG } });
  // The documented command, through the testbed's kubectl.
  writeFileSync(
    DUMP,
    (await kubectl(['get', RESOURCES, '-A', '--show-managed-fields', '-o', 'json'])).stdout,
  );
  snapshot = await startServer({ name: 'cli-snapshot', env: { MESHWATCH_SNAPSHOT: DUMP } });
});

afterAll(async () => {
  await live?.stop();
  await snapshot?.stop();
});

describe('meshwatch check against the seeded testbed', () => {
  it('exits with the code the live API implies and lists every problem pod', async () => {
    const expected = (await allPods(live)).filter((p) => isCounted(p) && RESTART_FIXES.includes(p.status));
    const { code, stdout, stderr } = await meshwatch(['check']);
    expect(stderr).toBe('');
    expect(code).toBe(expected.length > 0 ? 1 : 0);
    for (const p of expected) expect(stdout).toContain(`× ${p.namespace}/${p.name}`);
    expect(stdout).toContain(
      expected.length > 0 ? 'Status check results are ×' : 'Status check results are √',
    );
  }, 120_000);

  it('fails on every non-meshed status when asked, with the API shapes in JSON', async () => {
    const failOn: PodStatus[] = POD_STATUSES.filter((s) => s !== 'meshed');
    const expected = (await allPods(live)).filter((p) => isCounted(p) && failOn.includes(p.status));
    expect(expected.length, 'the seed has unmeshed or broken pods').toBeGreaterThan(0);
    const { code, stdout } = await meshwatch(['check', '--fail-on', failOn.join(','), '-o', 'json']);
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as { problems: PodRow[]; overview: OverviewResponse };
    expect(report.problems.map(verdict).sort((a, b) => a.pod.localeCompare(b.pod))).toEqual(
      expected.map(verdict).sort((a, b) => a.pod.localeCompare(b.pod)),
    );
  }, 120_000);

  it('explains a pod with its decision trace', async () => {
    const pod = (await allPods(live)).find((p) => p.namespace === 'payments') ?? (await allPods(live))[0];
    expect(pod).toBeDefined();
    const { code, stdout } = await meshwatch(['explain', `${pod!.namespace}/${pod!.name}`]);
    expect(code).toBe(0);
    expect(stdout).toContain(`${pod!.namespace}/${pod!.name}  ${pod!.status}`);
    expect(stdout).toContain('decision trace');
  }, 120_000);

  it('exits 3 when the cluster cannot be reached', async () => {
    const { code, stderr } = await meshwatch(['check', '--context', 'no-such-context']);
    expect(code).toBe(3);
    expect(stderr).toContain('Kube context "no-such-context" is not in the kubeconfig');
  }, 120_000);
});

describe('a kubectl dump of the testbed, offline', () => {
  it('gives the live server’s verdict for every pod (dashboard on the dump)', async () => {
    const offline = (await allPods(snapshot)).map(verdict);
    const online = (await allPods(live)).map(verdict);
    expect(offline.length).toBeGreaterThan(10);
    expect(offline).toEqual(online);
  });

  it('gives the same verdicts to the CLI', async () => {
    const failOn = [...POD_STATUSES];
    const { code, stdout } = await meshwatch([
      'check',
      '--from-file',
      'testbed-dump.json',
      '--fail-on',
      failOn.join(','),
      '-o',
      'json',
    ]);
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as { problems: PodRow[] };
    const online = (await allPods(live)).filter(isCounted).map(verdict);
    expect(report.problems.map(verdict).sort((a, b) => a.pod.localeCompare(b.pod))).toEqual(
      online.sort((a, b) => a.pod.localeCompare(b.pod)),
    );
  }, 120_000);

  it('serves the dump read-only, stamped with its time', async () => {
    const api = new Api(snapshot);
    const overview = (await api.get<OverviewResponse>('/api/v1/overview')).body;
    expect(overview.context.snapshot?.file).toBe('testbed-dump.json');
    expect(Date.parse(overview.context.snapshot?.takenAt ?? '')).toBeGreaterThan(Date.now() - 3_600_000);
    const caps = await api.get<{ readOnly: boolean; snapshot?: unknown }>('/api/v1/capabilities');
    expect(caps.body).toMatchObject({ readOnly: true, snapshot: { file: 'testbed-dump.json' } });
    const ns = overview.namespaces[0]?.name ?? 'default';
    const res = await api.post(`/api/v1/namespaces/${ns}/injection`, { value: 'enabled' });
    expect(res.status).toBe(403);
    expect(JSON.stringify(res.body)).toContain('snapshot');
  });

  it('refuses a partial dump, naming what is missing', async () => {
    const partial = path.join(WORK, 'partial.json');
    writeFileSync(partial, (await kubectl(['get', 'namespaces,pods', '-A', '-o', 'json'])).stdout);
    const { code, stderr } = await meshwatch(['check', '--from-file', 'partial.json']);
    expect(code).toBe(3);
    expect(stderr).toMatch(
      /partial\.json is incomplete: no (replicasets|deployments|statefulsets|daemonsets|jobs)/,
    );
    expect(stderr).toContain('kubectl get namespaces,pods,deployments');
  }, 120_000);
});
