// `meshwatch check -f` (#29) against the live testbed: a manifest set covering every way a workload is
// or is not meshed, judged before it is applied; then applied, and each prediction compared with what
// meshwatch says of the pods that were really created (the live engine the differential harness holds
// to Linkerd's real injector). The injector webhook here never answers (failurePolicy Ignore), so pods
// start without a proxy either way: the comparison is of the decision, `expected`.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PodRow } from '@/lib/api/dto';
import { POD_STATUSES } from '@/lib/mesh';
import type { PredictReport } from '../../cli/predict';
import { applyAll, installInjectorWebhook, namespaceYaml } from './helpers/fixtures';
import { deleteNamespaces, kubectl, requireTestbed, ROOT, testName, until } from './helpers/testbed';
import { meshwatchCli } from './helpers/cli';

const p = testName('predict');
const selector = { 'meshwatch.io/predict': p };
const on = `${p}-on`; // linkerd.io/inject: enabled, called by the webhook
const off = `${p}-off`; // no annotation, called by the webhook
const bad = `${p}-bad`; // an invalid value on the namespace
const excluded = `${p}-excluded`; // enabled, but the webhook's namespaceSelector leaves it out
const fresh = `${p}-new`; // not in the cluster: the input creates it, enabled
const nowhere = `${p}-nowhere`; // neither in the cluster nor in the input
const WORK = path.join(ROOT, 'test-results', 'integration', 'predict');
let removeWebhook: (() => Promise<void>) | undefined;

function deployment(
  ns: string,
  name: string,
  over: { template?: string; meta?: string; spec?: string; labels?: string } = {},
) {
  return `apiVersion: apps/v1
kind: Deployment
metadata: { name: ${name}, namespace: ${ns}${over.meta ?? ''} }
spec:
  replicas: 1
  selector: { matchLabels: { app: ${name} } }
  template:
    metadata: { labels: { app: ${name}${over.labels ?? ''} }${over.template ?? ''} }
    spec: { ${over.spec ?? ''}containers: [{ name: app, image: "example.test/${name}:1.0" }] }
`;
}

/** The manifests of the change under review, one file per team as a repository would hold them. */
const MANIFESTS: Record<string, string[]> = {
  'on.yaml': [
    deployment(on, 'meshed'),
    deployment(on, 'host', { spec: 'hostNetwork: true, ' }),
    deployment(on, 'opted-out', { template: ', annotations: { linkerd.io/inject: disabled }' }),
    deployment(on, 'invalid', { template: ', annotations: { linkerd.io/inject: "yes" }' }),
  ],
  'off.yaml': [
    deployment(off, 'plain'),
    deployment(off, 'opted-in', { template: ', annotations: { linkerd.io/inject: enabled }' }),
    deployment(off, 'as-label', { labels: ', linkerd.io/inject: enabled' }),
    deployment(off, 'on-metadata', { meta: ', annotations: { linkerd.io/inject: enabled }' }),
  ],
  'elsewhere.yaml': [deployment(bad, 'web'), deployment(excluded, 'web'), deployment(nowhere, 'web')],
  'new/namespace.yaml': [namespaceYaml(fresh, { 'linkerd.io/inject': 'enabled' }, selector)],
  'new/web.yaml': [deployment(fresh, 'web')],
};

const meshwatch = (args: string[]) => meshwatchCli(args, WORK);

let report: PredictReport;
let human: { code: number | null; stdout: string };
const byName = () => Object.fromEntries(report.workloads.map((w) => [`${w.namespace}/${w.name}`, w]));
const codes = (key: string) => byName()[key]?.reasons.map((r) => r.code);

beforeAll(async () => {
  requireTestbed();
  await applyAll(
    namespaceYaml(on, { 'linkerd.io/inject': 'enabled' }, selector),
    namespaceYaml(off, {}, selector),
    namespaceYaml(bad, { 'linkerd.io/inject': 'yes' }, selector),
    namespaceYaml(excluded, { 'linkerd.io/inject': 'enabled' }),
  );
  removeWebhook = await installInjectorWebhook(`${p}-wh`, selector);
  for (const [file, docs] of Object.entries(MANIFESTS)) {
    mkdirSync(path.dirname(path.join(WORK, 'manifests', file)), { recursive: true });
    writeFileSync(path.join(WORK, 'manifests', file), docs.join('---\n'));
  }
  const json = await meshwatch(['check', '-f', 'manifests', '-o', 'json']);
  expect(json.stderr).toBe('');
  report = JSON.parse(json.stdout) as PredictReport;
  human = await meshwatch(['check', '-f', 'manifests']);
});

afterAll(async () => {
  await removeWebhook?.();
  await deleteNamespaces([on, off, bad, excluded, fresh]);
});

describe('meshwatch check -f against the live cluster', () => {
  it('says which workloads will be meshed, and why not, for every reason', () => {
    const w = byName();
    expect(w[`${on}/meshed`]).toMatchObject({ willBeMeshed: true, class: 'meshed' });
    expect(w[`${off}/opted-in`]).toMatchObject({ willBeMeshed: true });
    expect(w[`${fresh}/web`]).toMatchObject({ willBeMeshed: true }); // the input's own Namespace
    expect(w[`${on}/host`]).toMatchObject({ willBeMeshed: false, class: 'will-not-be-meshed' });
    expect(codes(`${on}/host`)).toEqual(['host_network_enabled']);
    expect(w[`${on}/opted-out`]).toMatchObject({ willBeMeshed: false, class: 'unmeshed', optedOut: true });
    expect(codes(`${on}/invalid`)).toContain('invalid_inject_annotation_at_workload');
    expect(codes(`${off}/plain`)).toEqual(['injection_enable_annotation_absent']);
    expect(codes(`${bad}/web`)).toContain('invalid_inject_annotation_at_ns');
    expect(codes(`${excluded}/web`)).toContain('namespace_excluded_by_webhook');
    expect(w[`${nowhere}/web`]).toMatchObject({ willBeMeshed: null, class: 'unknown' });
    expect(w[`${off}/as-label`]?.lints.map((l) => l.code)).toContain('inject_set_as_label');
    expect(w[`${off}/on-metadata`]?.lints.map((l) => l.code)).toContain('annotation_on_workload_metadata');
    expect(report.result).toBe('problems');
  });

  it('prints it for a pipeline, and exits 1 when a workload that asks for the proxy will not get it', () => {
    expect(human.code).toBe(1);
    expect(human.stdout).toContain(`× ${on}/deployment/host  will NOT be meshed`);
    expect(human.stdout).toContain(`√ ${on}/deployment/meshed  will be meshed`);
    expect(human.stdout).toContain(`‼ ${nowhere}/deployment/web  cannot be known`);
    expect(human.stdout).toMatch(/Prediction results are ×/);
  });

  it('once applied, the pods are exactly what was predicted', async () => {
    await kubectl(['apply', '-R', '-f', path.join(WORK, 'manifests', 'new', 'namespace.yaml')]);
    for (const file of ['on.yaml', 'off.yaml', 'new/web.yaml'])
      await kubectl(['apply', '-f', path.join(WORK, 'manifests', file)]);
    await kubectl(['apply', '-f', '-'], {
      input: [deployment(bad, 'web'), deployment(excluded, 'web')].join('---\n'),
    });
    const predicted = report.workloads.filter((w) => w.namespace !== nowhere);
    const pods = await until(
      'a pod of every applied workload',
      async () => {
        const live = await meshwatch(['check', '-o', 'json', '--fail-on', POD_STATUSES.join(',')]);
        const rows = (JSON.parse(live.stdout) as { problems: PodRow[] }).problems;
        const mine = rows.filter((r) =>
          predicted.some((w) => w.namespace === r.namespace && r.workload?.name === w.name),
        );
        return mine.length >= predicted.length ? mine : undefined;
      },
      90_000,
    );
    for (const w of predicted) {
      const pod = pods.find((r) => r.namespace === w.namespace && r.workload?.name === w.name);
      expect(pod?.expected, `${w.namespace}/${w.name}: predicted ${String(w.willBeMeshed)}`).toBe(
        w.willBeMeshed,
      );
    }
  });
});
