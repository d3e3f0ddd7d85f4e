// Issue #8's cluster-level faults, reproduced on the testbed: 20 concurrent restarts of one Deployment,
// namespace restarts clicked twice,
// etcd stopped under a running API server, webhook rules/matchConditions that exclude pods, and an
// injection change on a Terminating namespace.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NamespaceResponse, OverviewResponse, RestartResponse } from '@/lib/api/dto';
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
  apply,
  deleteNamespaces,
  kubectl,
  kubectlJson,
  requireTestbed,
  TESTBED_DIR,
  testName,
  until,
} from './helpers/testbed';

const ns = testName('harden');
const gated = testName('gated');
const twice = testName('twice');
let server: MeshwatchServer;
let api: Api;
const measured: Record<string, unknown> = {};

beforeAll(async () => {
  requireTestbed();
  await applyAll(
    namespaceYaml(ns),
    namespaceYaml(gated, { 'linkerd.io/inject': 'enabled' }, { 'meshwatch.io/gated': 'true' }),
    slowDeploymentYaml(ns, 'cart'),
    deploymentYaml(gated, 'web', { replicas: 2 }),
  );
  await waitForRunningPods(gated, 2);
  server = await startServer({ name: 'hardening-cluster', env: { KUBECONFIG: ADMIN_KUBECONFIG } });
  api = new Api(server);
  await api.waitForNamespace(ns);
  await api.waitForNamespace(gated);
});

afterAll(async () => {
  await server?.stop();
  await deleteNamespaces([ns, gated, twice]);
  console.log(`[meshwatch integration] hardening-cluster measured: ${JSON.stringify(measured)}`);
});

/** A rollout that stays in progress: the new pod only counts as available after 300 s. */
function slowDeploymentYaml(namespace: string, name: string): string {
  return deploymentYaml(namespace, name).replace(
    'spec:\n  replicas: 1',
    'spec:\n  replicas: 1\n  minReadySeconds: 300\n  strategy: { rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } }',
  );
}

interface DeploymentJson {
  metadata: { generation: number };
}
interface EventList {
  items: { reason: string; involvedObject: { name: string } }[];
}

describe('20 concurrent restarts of one Deployment', () => {
  it('roll it once, write one Event, and tell the others it is already restarting', async () => {
    const before = (await kubectlJson<DeploymentJson>(['get', 'deployment', 'cart', '-n', ns])).metadata
      .generation;
    await api.csrfToken();
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        api.post<RestartResponse>(`/api/v1/workloads/${ns}/Deployment/cart/restart`, { force: true }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
    const results = answers.map((a) => a.body.results[0]);
    const done = results.filter((r) => r?.result === 'done');
    const already = results.filter((r) => r?.alreadyRestarting);
    expect(done).toHaveLength(1);
    expect(already).toHaveLength(19);
    expect(already[0]?.why).toMatch(/already restarting/);
    // A later click while the rollout still runs: still one rollout.
    const again = await api.post<RestartResponse>(`/api/v1/workloads/${ns}/Deployment/cart/restart`, {
      force: true,
    });
    expect(again.body.results[0]?.alreadyRestarting).toBe(true);

    const after = (await kubectlJson<DeploymentJson>(['get', 'deployment', 'cart', '-n', ns])).metadata
      .generation;
    const events = await until('the restart Event', async () => {
      const list = await kubectlJson<EventList>(['get', 'events', '-n', ns]);
      const mine = list.items.filter(
        (e) => e.reason === 'MeshwatchRestarted' && e.involvedObject.name === 'cart',
      );
      return mine.length > 0 ? mine : undefined;
    });
    await new Promise((r) => setTimeout(r, 1000)); // any straggling Event would land by now
    const final = (await kubectlJson<EventList>(['get', 'events', '-n', ns])).items.filter(
      (e) => e.reason === 'MeshwatchRestarted' && e.involvedObject.name === 'cart',
    );
    measured.concurrentRestarts = { generationBefore: before, generationAfter: after, events: final.length };
    expect(after).toBe(before + 1);
    expect(events.length).toBe(1);
    expect(final.length).toBe(1);
  });
});

describe('a namespace restart clicked twice', () => {
  const workloads = ['api', 'worker'];
  let removeWebhook: (() => Promise<void>) | undefined;
  const generations = async () =>
    Promise.all(
      workloads.map(
        async (w) =>
          (await kubectlJson<DeploymentJson>(['get', 'deployment', w, '-n', twice])).metadata.generation,
      ),
    );
  const restartEvents = async () =>
    (await kubectlJson<EventList>(['get', 'events', '-n', twice])).items.filter(
      (e) => e.reason === 'MeshwatchRestarted',
    );

  beforeAll(async () => {
    await applyAll(
      namespaceYaml(twice, { 'linkerd.io/inject': 'enabled' }, { 'meshwatch.io/twice': 'true' }),
      ...workloads.map((w) => slowDeploymentYaml(twice, w)),
    );
    await waitForRunningPods(twice, workloads.length);
    // An injector webhook over this namespace only, so its pods read missing-proxy and need a restart.
    removeWebhook = await installInjectorWebhook(testName('twice-wh'), { 'meshwatch.io/twice': 'true' });
    await api.waitForNamespace(twice);
    await until('both workloads to need a restart', async () => {
      const res = await api.get<NamespaceResponse>(`/api/v1/namespaces/${twice}`);
      return res.body.pods.length === workloads.length &&
        res.body.pods.every((p) => p.status === 'missing-proxy')
        ? true
        : undefined;
    });
  });
  afterAll(async () => {
    await removeWebhook?.();
  });

  it('rolls every workload once: two clicks at once and a third 1.2 s later', async () => {
    const before = await generations();
    await api.csrfToken();
    const click = () => api.post<RestartResponse>(`/api/v1/namespaces/${twice}/restart`, { force: true });
    const together = await Promise.all([click(), click()]);
    await new Promise((r) => setTimeout(r, 1200));
    const later = await click();
    const answers = [...together, later];
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    const results = answers.flatMap((a) => a.body.results);
    for (const w of workloads) {
      const mine = results.filter((r) => r.kind === 'Deployment' && r.name === w);
      expect(mine.map((r) => r.result).sort()).toEqual(['done', 'skipped', 'skipped']);
      expect(mine.filter((r) => r.alreadyRestarting)).toHaveLength(2);
    }
    expect(later.body.results.every((r) => r.alreadyRestarting)).toBe(true);

    const after = await generations();
    await until('one restart Event per workload', async () =>
      (await restartEvents()).length >= workloads.length ? true : undefined,
    );
    await new Promise((r) => setTimeout(r, 1000)); // any straggling Event would land by now
    const events = await restartEvents();
    measured.namespaceClickedTwice = {
      clicks: answers.length,
      generationsBefore: before,
      generationsAfter: after,
      events: events.length,
    };
    expect(after).toEqual(before.map((g) => g + 1));
    expect(events.map((e) => e.involvedObject.name).sort()).toEqual(workloads);
  });
});

describe('webhook rules and matchConditions', () => {
  const webhook = (
    name: string,
    rules: string,
    conditions = '',
  ) => `apiVersion: admissionregistration.k8s.io/v1
kind: MutatingWebhookConfiguration
metadata: { name: ${name}, labels: { meshwatch.io/integration-test: "true" } }
webhooks:
- name: linkerd-proxy-injector.linkerd.io
  admissionReviewVersions: [v1]
  sideEffects: None
  failurePolicy: Ignore
  timeoutSeconds: 1
  clientConfig: { url: "https://127.0.0.1:1/" }
  namespaceSelector: { matchLabels: { meshwatch.io/gated: "true" } }
  rules:
  - ${rules}
${conditions}`;
  const statuses = async () => {
    const res = await api.get<NamespaceResponse>(`/api/v1/namespaces/${gated}`);
    return res.body.pods.map((p) => `${p.status}:${p.reasons.map((r) => r.code).join(',')}`);
  };
  const name = testName('wh');
  afterAll(async () => {
    await kubectl(['delete', 'mutatingwebhookconfiguration', name, '--ignore-not-found'], {
      allowFailure: true,
    });
  });

  it('promises no restart when the rules cover only configmaps or a matchCondition is false', async () => {
    const pods =
      '{ operations: [CREATE], apiGroups: [""], apiVersions: [v1], resources: [pods], scope: "*" }';
    await apply(webhook(name, pods));
    await until('missing-proxy with the pods rule', async () =>
      (await statuses()).every((s) => s === 'missing-proxy:') ? true : undefined,
    );
    await apply(webhook(name, pods.replace('[pods]', '[configmaps]')));
    const byRules = await until('the rules to exclude pods', async () => {
      const s = await statuses();
      return s.every((x) => x === 'not-injectable:webhook_rules_exclude_pods') ? s : undefined;
    });
    expect(byRules).toHaveLength(2);
    await apply(
      webhook(
        name,
        pods,
        `  matchConditions:\n  - { name: only-db, expression: "object.metadata.labels.app == 'db'" }\n`,
      ),
    );
    await until('the matchCondition to skip the webhook', async () =>
      (await statuses()).every((x) => x === 'not-injectable:webhook_match_condition_false')
        ? true
        : undefined,
    );
    await apply(
      webhook(
        name,
        pods,
        `  matchConditions:\n  - { name: who, expression: "request.userInfo.username != 'system:admin'" }\n`,
      ),
    );
    await until('"cannot evaluate" for request.userInfo', async () =>
      (await statuses()).every((x) => x === 'not-injectable:webhook_match_condition_unknown')
        ? true
        : undefined,
    );
  });
});

describe('a malformed linkerd-config', () => {
  const cfg = testName('cfg');
  afterAll(async () => {
    await deleteNamespaces([cfg]);
  });

  it('is said on the overview, with the parse error, and the finding goes when it is fixed', async () => {
    await applyAll(namespaceYaml(cfg));
    await apply(`apiVersion: v1
kind: ConfigMap
metadata: { name: linkerd-config, namespace: ${cfg} }
data: { values: "proxy: [unclosed" }
`);
    const said = await until('the overview to name the broken linkerd-config', async () => {
      const res = await api.get<OverviewResponse>('/api/v1/overview');
      return res.body.cluster.linkerdConfigError;
    });
    expect(said).toMatch(/^linkerd-config "values" is not valid YAML: /);
    await kubectl(['delete', 'configmap', 'linkerd-config', '-n', cfg]);
    await until('the finding to go', async () => {
      const res = await api.get<OverviewResponse>('/api/v1/overview');
      return res.body.cluster.linkerdConfigError === undefined ? true : undefined;
    });
  });
});

describe('a Terminating namespace', () => {
  it('refuses an injection patch', async () => {
    const doomed = testName('doomed');
    await applyAll(namespaceYaml(doomed));
    await apply(`apiVersion: v1
kind: ConfigMap
metadata: { name: hold, namespace: ${doomed}, finalizers: [meshwatch.io/hold] }
`);
    await kubectl(['delete', 'namespace', doomed, '--wait=false']);
    try {
      await until('the namespace to be Terminating', async () => {
        const res = await kubectlJson<{ status?: { phase?: string } }>(['get', 'namespace', doomed]);
        return res.status?.phase === 'Terminating' ? true : undefined;
      });
      const res = await api.post(`/api/v1/namespaces/${doomed}/injection`, { value: 'enabled' });
      expect(res.status).toBe(409);
      expect(errorOf(res).message).toContain('Terminating');
      const ann = await kubectlJson<{ metadata: { annotations?: Record<string, string> } }>([
        'get',
        'namespace',
        doomed,
      ]);
      expect(ann.metadata.annotations?.['linkerd.io/inject']).toBeUndefined();
    } finally {
      await kubectl(
        [
          'patch',
          'configmap',
          'hold',
          '-n',
          doomed,
          '--type=merge',
          '-p',
          '{"metadata":{"finalizers":null}}',
        ],
        {
          allowFailure: true,
        },
      );
    }
  });
});

describe('etcd stopped', () => {
  it('makes the data stale within seconds, naming the API server readiness and etcd', async () => {
    const fresh = await api.get<OverviewResponse>('/api/v1/overview');
    expect(fresh.body.freshness.stale).toBe(false);
    const pid = Number(readFileSync(path.join(TESTBED_DIR, 'pids', 'etcd.pid'), 'utf8'));
    process.kill(pid, 'SIGSTOP'); // frozen, as a hung disk or partition would leave it
    const stoppedAt = Date.now();
    try {
      const stale = await until(
        'stale freshness',
        async () => {
          const res = await api.get<OverviewResponse>('/api/v1/overview');
          return res.body.freshness?.stale ? res.body.freshness : undefined;
        },
        20_000,
        200,
      );
      measured.etcdStoppedToStaleMs = Date.now() - stoppedAt;
      const apiServer = stale.resources.find((r) => r.name === 'api-server');
      expect(apiServer?.healthy).toBe(false);
      expect(apiServer?.lastError).toMatch(/readyz/);
      expect(apiServer?.lastError).toMatch(/etcd/);
    } finally {
      process.kill(pid, 'SIGCONT');
    }
    const recovered = await until(
      'fresh again',
      async () =>
        (await api.get<OverviewResponse>('/api/v1/overview')).body.freshness?.stale ? undefined : true,
      60_000,
      500,
    );
    expect(recovered).toBe(true);
  });
});
