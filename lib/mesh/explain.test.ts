import { describe, expect, it } from 'vitest';
import { analyzeCluster, explainPod } from './analyze.ts';
import {
  DECISION_RULES,
  container,
  controlPlane,
  deployment,
  injected,
  injectNamespace,
  namespace,
  pod,
  podOf,
  snapshot,
  spec,
} from '../test/mesh-fixtures.ts';

const web = deployment('web');
const shop = injectNamespace('shop', 'enabled', { injectAnnotationSetAt: '2025-07-01T12:00:00Z' });
const before = podOf(web.replicaSet, 'web-old', { createdAt: '2025-06-30T09:00:00Z' });
const after = injected(podOf(web.replicaSet, 'web-new', { createdAt: '2025-07-02T09:00:00Z' }));
const s = snapshot({
  namespaces: [shop],
  workloads: [web.deployment, web.replicaSet],
  pods: [before, after],
});

describe('explainPod', () => {
  it('returns the same verdict analyzeCluster does, plus the trace', () => {
    const explanation = explainPod(s, 'shop', 'web-old');
    const { trace, ...verdict } = explanation ?? { trace: [] };
    expect(verdict).toEqual(analyzeCluster(s).pods.find((p) => p.name === 'web-old'));
    expect(trace.length).toBeGreaterThan(5);
  });

  it('is undefined for an unknown pod or namespace', () => {
    expect(explainPod(s, 'shop', 'nope')).toBeUndefined();
    expect(explainPod(s, 'other', 'web-old')).toBeUndefined();
  });

  it('walks every rule in order, then the proxy, the version and the status', () => {
    const rules = explainPod(s, 'shop', 'web-new')?.trace.map((t) => t.rule);
    expect(rules).toEqual(['owner', ...DECISION_RULES, 'proxy', 'proxy version', 'status']);
  });

  it('shows the selector and the labels it was matched against', () => {
    const step = explainPod(s, 'shop', 'web-old')?.trace.find((t) => t.rule === 'webhook namespaceSelector');
    expect(step?.outcome).toBe('pass');
    expect(step?.detail).toContain('kubernetes.io/metadata.name NotIn (kube-system, cert-manager)');
    expect(step?.detail).toContain('{kubernetes.io/metadata.name=shop}');
  });

  it('says where the template came from', () => {
    const trace = explainPod(s, 'shop', 'web-old')?.trace ?? [];
    expect(trace[0]?.detail).toContain('ReplicaSet web-5d8f7c → Deployment web');
    expect(trace.find((t) => t.rule === 'template annotation')?.detail).toContain(
      'The current template of Deployment web',
    );
  });

  it('adds the annotation-changed-after-creation step, with both times, only when it applies', () => {
    const old = explainPod(s, 'shop', 'web-old');
    expect(old?.status).toBe('missing-proxy');
    const step = old?.trace.find((t) => t.rule === 'namespace annotation changed');
    expect(step?.detail).toContain('2025-07-01T12:00:00Z');
    expect(step?.detail).toContain('2025-06-30T09:00:00Z');
    expect(old?.trace.at(-1)).toMatchObject({ rule: 'status', outcome: 'block' });
    expect(
      explainPod(s, 'shop', 'web-new')?.trace.some((t) => t.rule === 'namespace annotation changed'),
    ).toBe(false);
  });

  it('describes the proxy found: version, readiness, native or classic', () => {
    const native = explainPod(s, 'shop', 'web-new')?.trace.find((t) => t.rule === 'proxy');
    expect(native?.detail).toContain('native sidecar');
    expect(native?.detail).toContain('edge-25.6.1');
    expect(native?.detail).toContain('ready');
    const classicPod = injected(pod('classic'), { native: false, ready: false });
    const classic = explainPod(snapshot({ namespaces: [shop], pods: [classicPod] }), 'shop', 'classic');
    const step = classic?.trace.find((t) => t.rule === 'proxy');
    expect(step?.detail).toContain('classic sidecar container');
    expect(step?.detail).toContain('not ready');
  });

  it('compares versions and blocks on an outdated proxy', () => {
    const old = injected(pod('old'), { version: 'edge-24.1.1' });
    const e = explainPod(snapshot({ namespaces: [shop], pods: [old] }), 'shop', 'old');
    expect(e?.status).toBe('outdated-proxy');
    expect(e?.trace.find((t) => t.rule === 'proxy version')).toMatchObject({ outcome: 'block' });
    expect(e?.trace.find((t) => t.rule === 'proxy version')?.detail).toContain(
      'edge-24.1.1 differs from edge-25.6.1',
    );
  });

  it('notes the viz label on a pod without the container', () => {
    const p = pod('fake', { labels: { 'linkerd.io/control-plane-ns': 'linkerd' } });
    const step = explainPod(
      snapshot({ namespaces: [namespace('shop')], pods: [p] }),
      'shop',
      'fake',
    )?.trace.find((t) => t.rule === 'proxy');
    expect(step?.detail).toContain('linkerd viz would count it as meshed');
  });

  it('warns about a copied annotation on an injected bare pod', () => {
    const p = injected(pod('debug'), { copiedInject: 'enabled' });
    const trace =
      explainPod(snapshot({ namespaces: [namespace('shop')], pods: [p] }), 'shop', 'debug')?.trace ?? [];
    expect(trace.find((t) => t.rule === 'copied annotation')?.detail).toContain(
      'may have come from namespace shop',
    );
  });

  it('says when the last-applied manifest shows the annotation was copied', () => {
    const p = { ...injected(pod('debug'), { copiedInject: 'enabled' }), manifestInjectValue: null };
    const trace =
      explainPod(snapshot({ namespaces: [namespace('shop')], pods: [p] }), 'shop', 'debug')?.trace ?? [];
    expect(trace.find((t) => t.rule === 'copied annotation')?.detail).toContain(
      'its last-applied manifest has no linkerd.io/inject',
    );
  });

  it('explains manual injection', () => {
    const manual = spec({
      containers: [container('app'), container('linkerd-proxy', 'cr.l5d.io/linkerd/proxy:edge-24.1.1')],
    });
    const d = deployment('m', { template: manual });
    const e = explainPod(
      snapshot({
        namespaces: [namespace('shop')],
        workloads: [d.deployment, d.replicaSet],
        pods: [podOf(d.replicaSet, 'm-a')],
      }),
      'shop',
      'm-a',
    );
    expect(e?.status).toBe('meshed');
    expect(e?.trace.find((t) => t.rule === 'manual injection')).toBeDefined();
    expect(e?.trace.find((t) => t.rule === 'proxy version')?.detail).toContain(
      'the control plane injects edge-25.6.1',
    );
  });

  it('flags an injector with no ready pod', () => {
    const down = snapshot({ ...s, controlPlane: controlPlane({ injectorPods: { total: 1, ready: 0 } }) });
    const step = explainPod(down, 'shop', 'web-old')?.trace.find((t) => t.rule === 'injector pods');
    expect(step?.detail).toContain('pods created now start without a proxy');
  });
});
