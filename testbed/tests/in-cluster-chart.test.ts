// The Helm chart on the real testbed: helm lint, values.schema.json, `helm install --wait` into a
// namespace enforcing Pod Security "restricted", and least privilege measured with
// `kubectl auth can-i --list` against an exact rule set (widening it must be a visible change): the
// default auth.mode=user only reads, auth.mode=serviceaccount (the shared identity) also patches.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { namespaceYaml } from './helpers/fixtures';
import {
  FULL_RULES,
  FULL_RULES_OWN_NAMESPACE,
  USER_RULES,
  USER_RULES_OWN_NAMESPACE,
} from './helpers/rbac-rules';
import { canIList, CHART, find, helm, template, type K8sObject } from './helpers/helm';
import {
  apply,
  deleteNamespaces,
  kubectl,
  kubectlJson,
  requireTestbed,
  testName,
  until,
} from './helpers/testbed';

const ns = testName('chart'); // the default values: auth.mode=user
const shared = testName('chart-sa'); // auth.mode=serviceaccount
const other = testName('chart-other');
const release = `${ns}-mw`; // contains "mw", not "meshwatch": full name is <release>-meshwatch
const fullname = `${release}-meshwatch`;
const sharedRelease = `${shared}-mw`;
const restricted = { 'pod-security.kubernetes.io/enforce': 'restricted' };
const baselineSa = (namespace: string) =>
  `apiVersion: v1\nkind: ServiceAccount\nmetadata: { name: baseline, namespace: ${namespace} }\n`;

let installSeconds = 0;

async function install(name: string, namespace: string, sets: string[] = []): Promise<number> {
  const start = Date.now();
  const res = await helm(['install', name, CHART, '-n', namespace, '--wait', '--timeout', '180s', ...sets]);
  if (res.code !== 0) throw new Error(`helm install ${name} failed: ${res.stderr}`);
  return (Date.now() - start) / 1000;
}

beforeAll(async () => {
  requireTestbed();
  await apply(
    [namespaceYaml(ns, {}, restricted), namespaceYaml(shared, {}, restricted), namespaceYaml(other)].join(
      '---\n',
    ),
  );
  // An identity with no bindings at all: what every ServiceAccount may do anyway.
  await apply(baselineSa(ns) + '---\n' + baselineSa(shared));
  [installSeconds] = await Promise.all([
    install(release, ns),
    install(sharedRelease, shared, ['--set', 'auth.mode=serviceaccount']),
  ]);
  console.log(`helm install --wait took ${installSeconds.toFixed(1)} s (beside a second release)`);
});

afterAll(async () => {
  await Promise.all([
    helm(['uninstall', release, '-n', ns, '--wait']),
    helm(['uninstall', sharedRelease, '-n', shared, '--wait']),
  ]);
  await deleteNamespaces([ns, shared, other]);
});

describe('the chart', () => {
  it('passes helm lint --strict with the default, the read-only and the shared-identity values', async () => {
    for (const sets of [[], ['--set', 'readOnly=true'], ['--set', 'auth.mode=serviceaccount']]) {
      const res = await helm(['lint', '--strict', CHART, ...sets]);
      expect(res.stdout + res.stderr).toContain('1 chart(s) linted, 0 chart(s) failed');
      expect(res.code).toBe(0);
    }
  });

  it('rejects bad values at install time (values.schema.json)', async () => {
    for (const bad of [
      'readOnly=yes',
      'port=0',
      'unknownKey=1',
      'image.pullPolicy=Sometimes',
      'auth.mode=kubeconfig', // a pod has no kubeconfig: user or serviceaccount
      'auth.unknown=1',
      'auth.sessionIdleMinutes=0',
      'auth.secureCookies=sometimes',
      'auth.trustedProxies={proxy.example.com}', // addresses or CIDR ranges, never names
    ]) {
      await expect(template([bad])).rejects.toThrow(/values don't meet the specifications of the schema/);
    }
  });

  it('installs with --wait into a restricted namespace: PSA admits the pod and it runs', async () => {
    expect(installSeconds).toBeGreaterThan(0);
    const pods = await kubectlJson<{ items: { status: { phase: string } }[] }>([
      'get', 'pods', '-n', ns, '-l', `app.kubernetes.io/instance=${release}`,
    ]); // prettier-ignore
    expect(pods.items.map((p) => p.status.phase)).toEqual(['Running']);
    // The label is enforced: the same namespace refuses a pod that is not restricted-compliant.
    await apply(`apiVersion: apps/v1
kind: Deployment
metadata: { name: lax, namespace: ${ns} }
spec:
  selector: { matchLabels: { app: lax } }
  template:
    metadata: { labels: { app: lax } }
    spec: { containers: [{ name: app, image: example.test/lax:1 }] }
`);
    const refused = await until('the lax ReplicaSet to be refused', async () => {
      const out = (await kubectl(['get', 'events', '-n', ns, '--field-selector', 'reason=FailedCreate']))
        .stdout;
      return out.includes('violates PodSecurity "restricted') && out;
    });
    expect(refused).toContain('allowPrivilegeEscalation');
  });

  it('probes the ops listener, never the loopback dashboard, and sets the probe namespace', async () => {
    const [deploy] = find(await template([], 'ops-ns'), 'Deployment');
    const spec = deploy as unknown as {
      spec: { template: { spec: { containers: Record<string, never>[] } } };
    };
    const c = spec.spec.template.spec.containers[0] as unknown as {
      env: { name: string; value: string }[];
      ports: { name: string; containerPort: number }[];
      livenessProbe: { httpGet: { path: string; port: string } };
      readinessProbe: { httpGet: { path: string; port: string } };
    };
    const env = Object.fromEntries(c.env.map((e) => [e.name, e.value]));
    expect(env).toMatchObject({
      HOSTNAME: '127.0.0.1',
      MESHWATCH_OPS_PORT: '9090',
      MESHWATCH_PROBE_NAMESPACE: 'ops-ns',
    });
    expect(c.ports).toContainEqual({ name: 'ops', containerPort: 9090 });
    expect(c.livenessProbe.httpGet).toEqual({ path: '/livez', port: 'ops' });
    expect(c.readinessProbe.httpGet).toEqual({ path: '/readyz', port: 'ops' });
    const ro = find(await template(['readOnly=true']), 'Deployment')[0] as unknown as typeof spec;
    const roEnv = (ro.spec.template.spec.containers[0] as unknown as typeof c).env.map((e) => e.name);
    expect(roEnv).toContain('MESHWATCH_READ_ONLY');
    expect(roEnv).not.toContain('MESHWATCH_PROBE_NAMESPACE');
  });

  it('passes auth.* to the server: user mode by default, the shared identity only when asked', async () => {
    const envOf = async (sets: string[]) => {
      const [deploy] = find(await template(sets), 'Deployment') as unknown as {
        spec: { template: { spec: { containers: { env: { name: string; value: string }[] }[] } } };
      }[];
      const env = deploy?.spec.template.spec.containers[0]?.env ?? [];
      return Object.fromEntries(
        env
          .filter((e) => /^MESHWATCH_(AUTH|SESSION|SECURE|TRUSTED)/.test(e.name))
          .map((e) => [e.name, e.value]),
      );
    };
    expect(await envOf([])).toEqual({
      MESHWATCH_AUTH: 'user',
      MESHWATCH_SESSION_IDLE_MINUTES: '30',
      MESHWATCH_SECURE_COOKIES: 'auto',
    });
    expect(
      await envOf([
        'auth.trustedProxies={127.0.0.1,10.0.0.0/8}',
        'auth.sessionIdleMinutes=5',
        'auth.secureCookies=true',
      ]),
    ).toEqual({
      MESHWATCH_AUTH: 'user',
      MESHWATCH_SESSION_IDLE_MINUTES: '5',
      MESHWATCH_SECURE_COOKIES: 'true',
      MESHWATCH_TRUSTED_PROXIES: '127.0.0.1,10.0.0.0/8',
    });
    expect(await envOf(['auth.mode=serviceaccount'])).toEqual({ MESHWATCH_AUTH: 'serviceaccount' });
  });

  it("tells a user-mode install how to sign in (the release's NOTES)", async () => {
    const notes = (await helm(['get', 'notes', release, '-n', ns])).stdout;
    expect(notes).toContain('kubectl create token');
    expect(notes).toContain('--pass-authorization-header');
    const sharedNotes = (await helm(['get', 'notes', sharedRelease, '-n', shared])).stdout;
    expect(sharedNotes).toContain('one shared identity');
  });

  it('renders the ServiceMonitor and PrometheusRule only when asked', async () => {
    const kinds = (objs: K8sObject[]) => objs.map((o) => o.kind);
    expect(kinds(await template())).not.toContain('ServiceMonitor');
    expect(kinds(await template())).not.toContain('PrometheusRule');
    const [monitor] = find(await template(['metrics.serviceMonitor.enabled=true']), 'ServiceMonitor');
    expect((monitor as { spec?: unknown }).spec).toMatchObject({
      endpoints: [{ port: 'ops', path: '/metrics' }],
    });
    const rules = path.join(CHART, 'files', 'prometheus-rules.yaml');
    if (existsSync(rules)) {
      const [rule] = find(await template(['metrics.prometheusRule.enabled=true']), 'PrometheusRule');
      const groups = parse(readFileSync(rules, 'utf8')) as unknown[];
      expect((rule as { spec?: unknown }).spec).toEqual({ groups });
    } else {
      await expect(template(['metrics.prometheusRule.enabled=true'])).rejects.toThrow(
        /needs the chart's files\/prometheus-rules.yaml/,
      );
    }
  });
});

describe('least privilege, measured with kubectl auth can-i --list', () => {
  const me = { namespace: ns, name: fullname };
  const sharedMe = { namespace: shared, name: `${sharedRelease}-meshwatch` };

  it('user mode (the default) only reads, plus create pods (dry-run probe) in its own namespace', async () => {
    const baseline = await canIList(ns, { namespace: ns, name: 'baseline' });
    expect(await canIList(ns, me)).toEqual([...baseline, ...USER_RULES_OWN_NAMESPACE].sort());
    const baselineElsewhere = await canIList(other, { namespace: ns, name: 'baseline' });
    expect(await canIList(other, me)).toEqual([...baselineElsewhere, ...USER_RULES].sort());
  });

  it('the shared identity grants exactly what meshwatch uses, plus the probe in its own namespace', async () => {
    const baseline = await canIList(shared, { namespace: shared, name: 'baseline' });
    expect(await canIList(shared, sharedMe)).toEqual([...baseline, ...FULL_RULES_OWN_NAMESPACE].sort());
    const baselineElsewhere = await canIList(other, { namespace: shared, name: 'baseline' });
    expect(await canIList(other, sharedMe)).toEqual([...baselineElsewhere, ...FULL_RULES].sort());
  });

  it.each([
    ['user mode', me],
    ['the shared identity', sharedMe],
  ])('%s never reaches Secrets, delete, pods/exec or workload creation', async (_, sa) => {
    for (const [verb, what] of [
      ['get', 'secrets'],
      ['list', 'secrets'],
      ['delete', 'pods'],
      ['create', 'pods/exec'],
      ['create', 'deployments.apps'],
      ['delete', 'namespaces'],
      ['create', 'pods'],
    ])
      // prettier-ignore
      expect(
        (await kubectl(['auth', 'can-i', verb!, what!, '-n', other, `--as=system:serviceaccount:${sa.namespace}:${sa.name}`], {
          allowFailure: true,
        })).stdout.trim(),
      ).toBe('no');
  });

  it('read-only drops every patch and create, the probe Role included', async () => {
    const objects = await template(['readOnly=true']);
    expect(find(objects, 'Role')).toEqual([]);
    const [role] = find(objects, 'ClusterRole') as unknown as { rules: { verbs: string[] }[] }[];
    const verbs = new Set(role?.rules.flatMap((r) => r.verbs));
    expect([...verbs].sort()).toEqual(['get', 'list', 'watch']);
  });

  it('user mode drops every patch and create from the ClusterRole but keeps the probe Role', async () => {
    const objects = await template([]);
    const [role] = find(objects, 'ClusterRole') as unknown as { rules: { verbs: string[] }[] }[];
    expect([...new Set(role?.rules.flatMap((r) => r.verbs))].sort()).toEqual(['get', 'list', 'watch']);
    const [probe] = find(objects, 'Role') as unknown as { rules: unknown[] }[];
    expect(probe?.rules).toEqual([{ apiGroups: [''], resources: ['pods'], verbs: ['create'] }]);
  });
});
