import { describe, expect, it } from 'vitest';
import { predictInjection, type ManifestRecords, type Prediction } from './predict.ts';
import {
  CP_VERSION,
  annotated,
  injectNamespace,
  namespace,
  pod,
  snapshot,
  spec,
  workload,
} from '../test/mesh-fixtures.ts';

const live = snapshot({ namespaces: [injectNamespace('shop', 'enabled'), namespace('plain')] });
const none: ManifestRecords = { namespaces: [], workloads: [], pods: [] };

function one(input: Partial<ManifestRecords>, cluster = live): Prediction {
  const [first, ...rest] = predictInjection(cluster, { ...none, ...input });
  if (!first || rest.length > 0) throw new Error('expected exactly one prediction');
  return first;
}
const codes = (p: Prediction) => p.reasons.map((r) => r.code);

describe('predictInjection: will the pods be meshed once applied?', () => {
  it('in an opted-in namespace: yes, with the proxy the injector writes today', () => {
    const p = one({ workloads: [workload('Deployment', 'web')] });
    expect(p).toMatchObject({
      namespace: 'shop',
      kind: 'Deployment',
      name: 'web',
      willBeMeshed: true,
      proxyVersion: CP_VERSION,
      reasons: [],
    });
  });

  it('in a namespace nobody opted in: no, and nothing asked for it', () => {
    const p = one({ workloads: [workload('StatefulSet', 'db', { namespace: 'plain' })] });
    expect(p).toMatchObject({ willBeMeshed: false, optedIn: false });
    expect(codes(p)).toEqual(['injection_enable_annotation_absent']);
  });

  it('a template that opts in is meshed in a plain namespace', () => {
    const p = one({
      workloads: [workload('Deployment', 'api', { namespace: 'plain', template: annotated('enabled') })],
    });
    expect(p.willBeMeshed).toBe(true);
  });

  it('the Namespace object in the same input wins over the live one', () => {
    const p = one({
      namespaces: [injectNamespace('plain', 'enabled')],
      workloads: [workload('Deployment', 'api', { namespace: 'plain' })],
    });
    expect(p.willBeMeshed).toBe(true);
    const off = one({
      namespaces: [injectNamespace('shop', 'disabled')],
      workloads: [workload('Deployment', 'web')],
    });
    expect(off).toMatchObject({ willBeMeshed: false });
    // As Linkerd's report.go says it: a namespace that is not enabled leaves the pod's opt-in absent.
    expect(codes(off)).toEqual(['injection_enable_annotation_absent']);
  });

  it('a namespace neither in the cluster nor in the input: unknown, never guessed', () => {
    const p = one({ workloads: [workload('Deployment', 'web', { namespace: 'brand-new' })] });
    expect(p.willBeMeshed).toBeNull();
    expect(p.unknown).toMatch(/"brand-new" is not in the cluster and the input does not create it/);
  });

  it('opted in but refused by the injector: hostNetwork, an invalid value', () => {
    const host = one({
      workloads: [workload('DaemonSet', 'agent', { template: spec({ hostNetwork: true }) })],
    });
    expect(host).toMatchObject({ willBeMeshed: false, optedIn: true });
    expect(codes(host)).toEqual(['host_network_enabled']);
    const invalid = one({ workloads: [workload('Deployment', 'x', { template: annotated('yes') })] });
    expect(invalid.willBeMeshed).toBe(false);
    expect(codes(invalid)).toContain('invalid_inject_annotation_at_workload');
  });

  it('without an injector webhook nothing is meshed, and it says so', () => {
    const p = one({ workloads: [workload('Deployment', 'web')] }, { ...live, webhook: null });
    expect(p.willBeMeshed).toBe(false);
    expect(codes(p)).toEqual(['injector_not_installed']);
  });

  it('lints the ways injection is asked for wrongly: as a label, on the workload metadata', () => {
    const asLabel = one({
      workloads: [
        workload('Deployment', 'web', {
          namespace: 'plain',
          template: spec({ labels: { 'linkerd.io/inject': 'enabled' } }),
        }),
      ],
    });
    expect(asLabel.willBeMeshed).toBe(false);
    expect(asLabel.lints.map((l) => l.code)).toContain('inject_set_as_label');
    const onMetadata = one({
      workloads: [
        workload('Deployment', 'web', {
          namespace: 'plain',
          annotations: { 'linkerd.io/inject': 'enabled' },
        }),
      ],
    });
    expect(onMetadata.willBeMeshed).toBe(false);
    expect(onMetadata.lints.map((l) => l.code)).toContain('annotation_on_workload_metadata');
  });

  it("a namespace of the input brings its own lints to its workloads' predictions", () => {
    const p = one({
      namespaces: [namespace('plain', { labels: { 'linkerd.io/inject': 'enabled' } })],
      workloads: [workload('Deployment', 'web', { namespace: 'plain' })],
    });
    expect(p.lints.map((l) => l.code)).toContain('inject_set_as_label');
  });

  it('judges a bare Pod and a CronJob, and a ReplicaSet through the Deployment that owns it', () => {
    const web = workload('Deployment', 'web');
    const rs = workload('ReplicaSet', 'web-1', { owner: { kind: 'Deployment', name: 'web', uid: web.uid } });
    const all = predictInjection(live, {
      ...none,
      workloads: [web, rs, workload('CronJob', 'nightly', { namespace: 'plain' })],
      pods: [pod('debug', { namespace: 'plain', annotations: { 'linkerd.io/inject': 'enabled' } })],
    });
    expect(all.map((p) => `${p.kind}/${p.name}:${String(p.willBeMeshed)}`)).toEqual([
      'CronJob/nightly:false',
      'Pod/debug:true',
      'Deployment/web:true',
    ]);
  });
});
