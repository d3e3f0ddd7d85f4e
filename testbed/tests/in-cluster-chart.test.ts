// The Helm chart on the real testbed: helm lint, values.schema.json, `helm install --wait` into a
// namespace enforcing Pod Security "restricted", and least privilege measured with
// `kubectl auth can-i --list` against an exact rule set (widening it must be a visible change).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { namespaceYaml } from './helpers/fixtures';
import { FULL_RULES, FULL_RULES_OWN_NAMESPACE } from './helpers/rbac-rules';
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

const ns = testName('chart');
const other = testName('chart-other');
const release = `${ns}-mw`; // contains "mw", not "meshwatch": full name is <release>-meshwatch
const fullname = `${release}-meshwatch`;
const restricted = { 'pod-security.kubernetes.io/enforce': 'restricted' };

let installSeconds = 0;

beforeAll(async () => {
  requireTestbed();
  await apply(namespaceYaml(ns, {}, restricted) + '---\n' + namespaceYaml(other));
  // An identity with no bindings at all: what every ServiceAccount may do anyway.
  await apply(`apiVersion: v1\nkind: ServiceAccount\nmetadata: { name: baseline, namespace: ${ns} }\n`);
  const start = Date.now();
  const res = await helm(['install', release, CHART, '-n', ns, '--wait', '--timeout', '180s']);
  installSeconds = (Date.now() - start) / 1000;
  if (res.code !== 0) throw new Error(`helm install failed: ${res.stderr}`);
  console.log(`helm install --wait took ${installSeconds.toFixed(1)} s`);
});

afterAll(async () => {
  await helm(['uninstall', release, '-n', ns, '--wait']);
  await deleteNamespaces([ns, other]);
});

describe('the chart', () => {
  it('passes helm lint --strict with the default and the read-only values', async () => {
    for (const sets of [[], ['--set', 'readOnly=true']]) {
      const res = await helm(['lint', '--strict', CHART, ...sets]);
      expect(res.stdout + res.stderr).toContain('1 chart(s) linted, 0 chart(s) failed');
      expect(res.code).toBe(0);
    }
  });

  it('rejects bad values at install time (values.schema.json)', async () => {
    for (const bad of ['readOnly=yes', 'port=0', 'unknownKey=1', 'image.pullPolicy=Sometimes']) {
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

  it('grants exactly what meshwatch uses, plus create pods (dry-run probe) in its own namespace', async () => {
    const baseline = await canIList(ns, { namespace: ns, name: 'baseline' });
    expect(await canIList(ns, me)).toEqual([...baseline, ...FULL_RULES_OWN_NAMESPACE].sort());
    const baselineElsewhere = await canIList(other, { namespace: ns, name: 'baseline' });
    expect(await canIList(other, me)).toEqual([...baselineElsewhere, ...FULL_RULES].sort());
  });

  it('never reaches Secrets, delete, pods/exec or workload creation', async () => {
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
        (await kubectl(['auth', 'can-i', verb!, what!, '-n', other, `--as=system:serviceaccount:${ns}:${fullname}`], {
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
});
