import { describe, expect, it } from 'vitest';
import { analyzeCluster } from './analyze.ts';
import {
  CP_VERSION,
  annotated,
  onlyVerdict,
  container,
  controlPlane,
  deployment,
  injected,
  injectNamespace,
  namespace,
  ownerRef,
  pod,
  podOf,
  snapshot,
  spec,
  workload,
} from '../test/mesh-fixtures.ts';
import type { ClusterSnapshot, PodVerdict } from './types.ts';

function verdicts(s: ClusterSnapshot): Map<string, PodVerdict> {
  return new Map(analyzeCluster(s).pods.map((p) => [p.name, p]));
}

describe('every status, end to end', () => {
  const shop = injectNamespace('shop', 'enabled');
  const plain = namespace('plain');
  const web = deployment('web');
  const api = deployment('api', { namespace: 'plain' });
  const agent = deployment('agent', { template: spec({ hostNetwork: true }) });
  const optOut = deployment('batch', { template: annotated('disabled') });
  const s = snapshot({
    namespaces: [shop, plain],
    workloads: [web, api, agent, optOut].flatMap((d) => [d.deployment, d.replicaSet]),
    pods: [
      injected(podOf(web.replicaSet, 'web-current')),
      podOf(web.replicaSet, 'web-old'),
      injected(podOf(web.replicaSet, 'web-outdated'), { version: 'edge-24.1.1' }),
      injected(podOf(api.replicaSet, 'api-left-over')),
      podOf(api.replicaSet, 'api-plain'),
      podOf(agent.replicaSet, 'agent-x'),
      podOf(optOut.replicaSet, 'batch-x'),
    ],
  });
  const byName = verdicts(s);

  it.each([
    { pod: 'web-current', status: 'meshed', fix: undefined },
    { pod: 'web-old', status: 'missing-proxy', fix: 'Restart Deployment web to inject the proxy' },
    {
      pod: 'web-outdated',
      status: 'outdated-proxy',
      fix: `Restart Deployment web to replace proxy edge-24.1.1 with ${CP_VERSION}`,
    },
    { pod: 'api-left-over', status: 'unwanted-proxy', fix: 'Restart Deployment api to remove the proxy' },
    {
      pod: 'api-plain',
      status: 'unmeshed',
      fix: 'Annotate the namespace or the pod template with linkerd.io/inject: enabled, then restart the workload',
    },
    {
      pod: 'agent-x',
      status: 'not-injectable',
      fix: 'hostNetwork pods can never be meshed; set linkerd.io/inject: disabled on the template to make that explicit',
    },
    {
      pod: 'batch-x',
      status: 'unmeshed',
      fix: 'The template opts out with linkerd.io/inject: disabled; remove it and restart to mesh the pod',
    },
  ])('$pod is $status', ({ pod: name, status, fix }) => {
    const v = byName.get(name);
    expect(v?.status).toBe(status);
    expect(v?.fix).toBe(fix);
  });

  it('keeps reasons only for pods a restart would not inject', () => {
    expect(byName.get('web-old')?.reasons).toEqual([]);
    expect(byName.get('web-outdated')?.reasons).toEqual([]);
    expect(byName.get('api-left-over')?.reasons.map((r) => r.code)).toEqual([
      'injection_enable_annotation_absent',
    ]);
    expect(byName.get('agent-x')?.reasons.map((r) => r.code)).toEqual(['host_network_enabled']);
    expect(byName.get('batch-x')?.reasons.map((r) => r.code)).toEqual([
      'injection_disable_annotation_present',
    ]);
  });

  it('names the workload a restart acts on', () => {
    expect(byName.get('web-old')?.workload).toEqual({ kind: 'Deployment', name: 'web' });
  });
});

describe('expected comes from the owner’s CURRENT template', () => {
  it('uses the Deployment template, not the one the ReplicaSet (and the pod) were made from', () => {
    const { deployment: dep, replicaSet } = deployment('web', { template: annotated('enabled') }, spec());
    const v = onlyVerdict(
      snapshot({
        namespaces: [namespace('shop')],
        workloads: [dep, replicaSet],
        pods: [podOf(replicaSet, 'web-a')],
      }),
    );
    expect(v).toMatchObject({ expected: true, status: 'missing-proxy' });
  });

  it("ignores the pod's own annotation (it may have been copied from the namespace)", () => {
    const { deployment: dep, replicaSet } = deployment('web');
    const p = injected(podOf(replicaSet, 'web-a'), { copiedInject: 'enabled' });
    const v = onlyVerdict(
      snapshot({ namespaces: [namespace('shop')], workloads: [dep, replicaSet], pods: [p] }),
    );
    expect(v).toMatchObject({ expected: false, status: 'unwanted-proxy' });
  });

  it('uses the CronJob job template for a Job it owns', () => {
    const cron = workload('CronJob', 'nightly', { template: annotated('enabled') });
    const job = workload('Job', 'nightly-29', { owner: ownerRef(cron), template: spec() });
    const v = onlyVerdict(
      snapshot({
        namespaces: [namespace('shop')],
        workloads: [cron, job],
        pods: [podOf(job, 'nightly-29-x')],
      }),
    );
    expect(v).toMatchObject({ workload: { kind: 'CronJob', name: 'nightly' }, status: 'missing-proxy' });
    expect(v.fix).toBe(
      'Wait for the next run of CronJob nightly, or recreate its current Job, to inject the proxy',
    );
  });

  it('falls back to the pod itself when the owner is missing', () => {
    const { replicaSet } = deployment('web');
    const p = podOf(replicaSet, 'web-a', { annotations: { 'linkerd.io/inject': 'enabled' } });
    const v = onlyVerdict(snapshot({ namespaces: [namespace('shop')], pods: [p] }));
    expect(v).toMatchObject({
      workload: { kind: 'ReplicaSet', name: 'web-5d8f7c' },
      expected: true,
      status: 'missing-proxy',
    });
  });

  it('ignores what is on the Deployment’s own metadata', () => {
    const { deployment: dep, replicaSet } = deployment('web', {
      annotations: { 'linkerd.io/inject': 'enabled' },
    });
    const v = onlyVerdict(
      snapshot({
        namespaces: [namespace('shop')],
        workloads: [dep, replicaSet],
        pods: [podOf(replicaSet, 'w')],
      }),
    );
    expect(v.status).toBe('unmeshed');
  });
});

describe('manual injection', () => {
  const proxy = container('linkerd-proxy', 'cr.l5d.io/linkerd/proxy:edge-24.1.1');
  const manualTemplate = spec({ containers: [container('app'), proxy], labels: { app: 'm' } });

  it('is not unwanted: the template itself carries the proxy', () => {
    const { deployment: dep, replicaSet } = deployment('m', { template: manualTemplate });
    const p = podOf(replicaSet, 'm-a', {
      containerStatuses: [{ name: 'linkerd-proxy', ready: true, image: proxy.image, restartCount: 0 }],
    });
    const v = onlyVerdict(
      snapshot({ namespaces: [namespace('shop')], workloads: [dep, replicaSet], pods: [p] }),
    );
    // The control plane injects a newer version, but a restart brings the template's: meshed, not outdated.
    expect(v).toMatchObject({
      meshed: true,
      expected: true,
      status: 'meshed',
      proxyVersion: 'edge-24.1.1',
      proxyReady: true,
    });
  });

  it('is outdated when the pod runs another version than the template now has', () => {
    const { deployment: dep, replicaSet } = deployment('m', { template: manualTemplate });
    const older = {
      ...manualTemplate,
      containers: [container('app'), container('linkerd-proxy', 'cr.l5d.io/linkerd/proxy:edge-23.1.1')],
    };
    const v = onlyVerdict(
      snapshot({
        namespaces: [namespace('shop')],
        workloads: [dep, replicaSet],
        pods: [podOf(replicaSet, 'm-a', {}, older)],
      }),
    );
    expect(v.status).toBe('outdated-proxy');
    expect(v.fix).toBe('Restart Deployment m to replace proxy edge-23.1.1 with edge-24.1.1');
  });
});

describe('the proxy as found in the pod', () => {
  const ns = injectNamespace('shop', 'enabled');

  it.each([
    { name: 'native', opts: { native: true, ready: true }, nativeSidecar: true, proxyReady: true },
    { name: 'classic', opts: { native: false, ready: false }, nativeSidecar: false, proxyReady: false },
  ])('$name sidecar', ({ opts, nativeSidecar, proxyReady }) => {
    const v = onlyVerdict(snapshot({ namespaces: [ns], pods: [injected(pod('p'), opts)] }));
    expect(v).toMatchObject({
      meshed: true,
      nativeSidecar,
      proxyReady,
      proxyVersion: CP_VERSION,
      status: 'meshed',
    });
  });

  it('reads the version from the image tag without the annotation, and knows none for a digest', () => {
    const tagged = injected(pod('p'), { versionAnnotation: false, version: 'edge-9.9.9' });
    expect(onlyVerdict(snapshot({ namespaces: [ns], pods: [tagged] })).proxyVersion).toBe('edge-9.9.9');
    const digest = {
      ...tagged,
      initContainers: tagged.initContainers.map((c) =>
        c.name === 'linkerd-proxy' ? { ...c, image: 'cr.l5d.io/linkerd/proxy@sha256:0123' } : c,
      ),
    };
    const v = onlyVerdict(snapshot({ namespaces: [ns], pods: [digest] }));
    expect(v.proxyVersion).toBeUndefined();
    expect(v.status).toBe('meshed');
  });

  it('does not call a pod meshed on the viz label alone', () => {
    const labelled = pod('p', { labels: { app: 'p', 'linkerd.io/control-plane-ns': 'linkerd' } });
    expect(onlyVerdict(snapshot({ namespaces: [ns], pods: [labelled] }))).toMatchObject({
      meshed: false,
      status: 'missing-proxy',
    });
  });

  it('compares nothing when the control plane version is unknown', () => {
    const old = injected(pod('p'), { version: 'edge-1.0.0' });
    expect(onlyVerdict(snapshot({ namespaces: [ns], pods: [old], controlPlane: null })).status).toBe(
      'meshed',
    );
    const noVersion = controlPlane({ injectProxyVersion: undefined });
    expect(onlyVerdict(snapshot({ namespaces: [ns], pods: [old], controlPlane: noVersion })).status).toBe(
      'meshed',
    );
  });
});

describe('without a webhook', () => {
  const s = snapshot({
    webhook: null,
    namespaces: [injectNamespace('shop', 'enabled')],
    pods: [pod('bare'), injected(pod('had-one'))],
  });
  const byName = verdicts(s);

  it('nothing can be injected: opted-in pods are not-injectable, proxies are unwanted', () => {
    expect(byName.get('bare')).toMatchObject({ status: 'not-injectable', expected: false });
    expect(byName.get('bare')?.reasons.map((r) => r.code)).toEqual(['injector_not_installed']);
    expect(byName.get('had-one')?.status).toBe('unwanted-proxy');
  });
});

describe('webhook exclusions', () => {
  it('makes an opted-in pod in an excluded namespace not-injectable', () => {
    const ns = namespace('kube-system', { annotations: { 'linkerd.io/inject': 'enabled' } });
    const v = onlyVerdict(
      snapshot({ namespaces: [ns], pods: [pod('coredns', { namespace: 'kube-system' })] }),
    );
    expect(v).toMatchObject({ status: 'not-injectable' });
    expect(v.reasons.map((r) => r.code)).toEqual(['namespace_excluded_by_webhook']);
  });

  it('leaves an excluded pod that never opted in unmeshed', () => {
    const v = onlyVerdict(
      snapshot({
        namespaces: [namespace('kube-system')],
        pods: [pod('coredns', { namespace: 'kube-system' })],
      }),
    );
    expect(v.status).toBe('unmeshed');
  });
});
