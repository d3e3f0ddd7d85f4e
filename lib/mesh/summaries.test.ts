import { describe, expect, it } from 'vitest';
import { analyzeCluster, analyzeNamespace } from './analyze.ts';
import { decideInjection } from './decision.ts';
import {
  annotated,
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
  webhook,
  workload,
} from '../test/mesh-fixtures.ts';
import { POD_STATUSES } from './types.ts';

const web = deployment('web');
const paused = deployment('frozen', { paused: true });
const cron = workload('CronJob', 'nightly');
const cronJob = workload('Job', 'nightly-1', { owner: ownerRef(cron) });
const job = workload('Job', 'migrate');
const rs = workload('ReplicaSet', 'legacy');
const rc = workload('ReplicationController', 'old');
const sts = workload('StatefulSet', 'db', { updateStrategy: 'OnDelete' });
const ds = workload('DaemonSet', 'agent', { namespace: 'plain' });
// `linkerd install` renders control-plane templates with the proxy already in them.
const destination = deployment('linkerd-destination', {
  namespace: 'linkerd',
  template: spec({
    labels: { 'linkerd.io/control-plane-component': 'destination' },
    initContainers: [container('linkerd-proxy', 'cr.l5d.io/linkerd/proxy:edge-25.5.1', 'Always')],
  }),
});

const s = snapshot({
  namespaces: [
    injectNamespace('shop', 'enabled', {
      injectAnnotationSetAt: '2025-07-01T00:00:00Z',
      labels: { 'linkerd.io/auto-inject': 'enabled' },
    }),
    namespace('plain'),
    namespace('kube-system'),
    injectNamespace('linkerd', 'disabled', {
      labels: { 'config.linkerd.io/admission-webhooks': 'disabled' },
    }),
  ],
  workloads: [
    web.deployment,
    web.replicaSet,
    paused.deployment,
    paused.replicaSet,
    cron,
    cronJob,
    job,
    rs,
    rc,
    sts,
    ds,
    destination.deployment,
    destination.replicaSet,
  ],
  pods: [
    injected(podOf(web.replicaSet, 'web-a')),
    injected(podOf(web.replicaSet, 'web-b'), { version: 'edge-24.1.1' }),
    podOf(web.replicaSet, 'web-c'),
    podOf(web.replicaSet, 'web-failed', { phase: 'Failed' }),
    podOf(paused.replicaSet, 'frozen-a'),
    injected(podOf(cronJob, 'nightly-1-a')),
    podOf(job, 'migrate-a', { phase: 'Succeeded' }),
    injected(podOf(sts, 'db-0')),
    podOf(ds, 'agent-x', { namespace: 'plain' }),
    pod('debug', { labels: { 'linkerd.io/inject': 'enabled' } }),
    podOf(destination.replicaSet, 'linkerd-destination-a'),
    pod('stray', { namespace: 'ghost' }),
  ],
});
const analysis = analyzeCluster(s);
const ws = (kind: string, name: string) => analysis.workloads.find((w) => w.kind === kind && w.name === name);
const nsOf = (name: string) => analysis.namespaces.find((n) => n.name === name);

describe('workload summaries', () => {
  it('lists only the workloads users think of, sorted, and no bare pods', () => {
    expect(analysis.workloads.map((w) => `${w.namespace}/${w.kind}/${w.name}`)).toEqual([
      'linkerd/Deployment/linkerd-destination',
      'plain/DaemonSet/agent',
      'shop/StatefulSet/db',
      'shop/Deployment/frozen',
      'shop/ReplicaSet/legacy',
      'shop/Job/migrate',
      'shop/CronJob/nightly',
      'shop/ReplicationController/old',
      'shop/Deployment/web',
    ]);
  });

  it('counts a Deployment’s pods through its ReplicaSets', () => {
    const w = ws('Deployment', 'web');
    expect(w).toMatchObject({
      pods: 3,
      meshed: 2,
      failed: 1,
      needsRestart: true,
      restart: { restartable: true },
    });
    expect(w?.statusCounts).toMatchObject({ meshed: 1, 'outdated-proxy': 1, 'missing-proxy': 1 });
    expect(w?.template.inject).toBe(true);
    expect(w?.lints.map((l) => l.code)).toEqual(['restart_required']);
  });

  it('reports why a workload cannot be restarted', () => {
    expect(ws('Deployment', 'frozen')?.restart).toEqual({
      restartable: false,
      why: "can't restart paused deployment (run rollout resume first)",
    });
    expect(ws('Deployment', 'frozen')?.lints.find((l) => l.code === 'restart_required')?.fix).toContain(
      'Resume Deployment frozen',
    );
    expect(ws('StatefulSet', 'db')?.restart.restartable).toBe(false);
    expect(ws('CronJob', 'nightly')).toMatchObject({ pods: 1, meshed: 1, restart: { restartable: false } });
  });

  it('gives a Job with only finished pods nothing to count', () => {
    expect(ws('Job', 'migrate')).toMatchObject({ pods: 0, needsRestart: false });
  });

  it('carries the same template decision, trace included, as decideInjection', () => {
    const agent = ws('DaemonSet', 'agent');
    const expected = decideInjection({
      namespace: namespace('plain'),
      template: ds.template,
      webhook: s.webhook,
      controlPlane: s.controlPlane,
      templateSource: 'the current template of DaemonSet agent',
    });
    expect(agent?.template).toEqual(expected);
    expect(agent?.template.trace.map((t) => t.rule)).toContain('template annotation');
  });

  it('carries the pod template’s own linkerd.io/inject, and nothing when it has none', () => {
    const optedOut = deployment('quiet', { namespace: 'shop', template: annotated('disabled') });
    const slice = analyzeNamespace(
      snapshot({ namespaces: [namespace('shop')], workloads: [optedOut.deployment, optedOut.replicaSet] }),
      'shop',
    );
    const summary = slice?.workloads.find((w) => w.name === 'quiet');
    expect(summary?.templateInjectValue).toBe('disabled');
    expect(ws('Deployment', 'web')).not.toHaveProperty('templateInjectValue');
  });

  it('carries the template decision with its reasons', () => {
    expect(ws('DaemonSet', 'agent')?.template.reasons.map((r) => r.code)).toEqual([
      'injection_enable_annotation_absent',
    ]);
    expect(ws('Deployment', 'linkerd-destination')?.template.reasons.map((r) => r.code)).toEqual([
      'namespace_excluded_by_webhook',
      'object_excluded_by_webhook',
    ]);
  });
});

describe('namespace summaries', () => {
  it('counts the lints on its workloads by severity, leaving restart_required to the restart count', () => {
    const misplaced = deployment('mailer', {
      namespace: 'plain',
      annotations: { 'linkerd.io/inject': 'enabled' },
    });
    const result = analyzeCluster(
      snapshot({
        namespaces: [namespace('plain')],
        workloads: [misplaced.deployment, misplaced.replicaSet],
        pods: [podOf(misplaced.replicaSet, 'mailer-a')],
      }),
    );
    const plain = result.namespaces.find((n) => n.name === 'plain');
    const onWorkload = result.workloads.find((w) => w.name === 'mailer')?.lints ?? [];
    expect(onWorkload.map((l) => l.code)).toContain('annotation_on_workload_metadata');
    expect(plain?.workloadLints).toEqual({ error: 0, warning: onWorkload.length, info: 0 });
    expect(plain?.lints).toEqual([]);
  });

  it('lists every namespace, including one only a pod names', () => {
    expect(analysis.namespaces.map((n) => n.name)).toEqual([
      'ghost',
      'kube-system',
      'linkerd',
      'plain',
      'shop',
    ]);
  });

  it('reports the annotation, when it was set, and webhook exclusion', () => {
    expect(nsOf('shop')).toMatchObject({
      injectValue: 'enabled',
      injectAnnotationSetAt: '2025-07-01T00:00:00Z',
      webhookExcluded: false,
    });
    expect(nsOf('plain')?.injectValue).toBeUndefined();
    expect(nsOf('kube-system')?.webhookExcluded).toBe(true);
    expect(nsOf('linkerd')).toMatchObject({
      webhookExcluded: true,
      isControlPlane: true,
      injectValue: 'disabled',
    });
    expect(nsOf('shop')?.isControlPlane).toBe(false);
  });

  it('counts pods, meshed, failed, restarts and proxy versions (sorted, unique)', () => {
    expect(nsOf('shop')).toMatchObject({ pods: 7, meshed: 4, failed: 1, workloadsNeedingRestart: 2 });
    expect(nsOf('shop')?.proxyVersions).toEqual(['edge-24.1.1', 'edge-25.6.1']);
    expect(nsOf('linkerd')).toMatchObject({ pods: 1, meshed: 1, proxyVersions: ['edge-25.5.1'] });
  });

  it('keeps the control plane, whose templates carry the proxy, meshed rather than unwanted', () => {
    expect(nsOf('linkerd')?.statusCounts).toMatchObject({ meshed: 1, 'unwanted-proxy': 0 });
  });

  it('carries namespace lints and bare-pod lints', () => {
    const codes = nsOf('shop')?.lints.map((l) => `${l.target.kind}:${l.code}`);
    expect(codes).toEqual([
      'Namespace:legacy_auto_inject_label',
      'Pod:inject_set_as_label',
      'Pod:restart_required',
    ]);
  });
});

describe('cluster summary', () => {
  it('says when linkerd-config could not be read, and is silent when it could', () => {
    const broken = analyzeCluster(
      snapshot({
        controlPlane: { ...controlPlane(), configError: 'linkerd-config "values" is not valid YAML: x' },
      }),
    );
    expect(broken.cluster.linkerdConfigError).toMatch(/not valid YAML/);
    expect(analysis.cluster).not.toHaveProperty('linkerdConfigError');
  });

  it('adds up the namespaces', () => {
    const sum = (f: (n: (typeof analysis.namespaces)[number]) => number) =>
      analysis.namespaces.reduce((a, n) => a + f(n), 0);
    expect(analysis.cluster.pods).toBe(sum((n) => n.pods));
    expect(analysis.cluster.meshed).toBe(sum((n) => n.meshed));
    expect(analysis.cluster.failed).toBe(sum((n) => n.failed));
    expect(analysis.cluster.workloadsNeedingRestart).toBe(sum((n) => n.workloadsNeedingRestart));
    for (const status of POD_STATUSES)
      expect(analysis.cluster.statusCounts[status]).toBe(sum((n) => n.statusCounts[status]));
    expect(analysis.cluster.namespaces).toBe(5);
  });

  it('describes the control plane and the webhook', () => {
    expect(analysis.cluster).toMatchObject({
      controlPlaneNamespace: 'linkerd',
      linkerdVersion: 'edge-25.6.1',
      injectProxyVersion: 'edge-25.6.1',
      webhookPresent: true,
      failurePolicy: 'Ignore',
      injectorPods: { total: 1, ready: 1 },
    });
    const bare = analyzeCluster(snapshot({ webhook: null, controlPlane: null }));
    expect(bare.cluster).toMatchObject({
      webhookPresent: false,
      failurePolicy: undefined,
      injectorPods: { total: 0, ready: 0 },
    });
    const ha = analyzeCluster(
      snapshot({
        webhook: webhook({ failurePolicy: 'Fail' }),
        controlPlane: controlPlane({ injectorPods: { total: 3, ready: 2 } }),
      }),
    );
    expect(ha.cluster).toMatchObject({ failurePolicy: 'Fail', injectorPods: { total: 3, ready: 2 } });
  });
});

describe('analyzeNamespace', () => {
  it('is the same slice analyzeCluster gives', () => {
    for (const name of ['shop', 'plain', 'linkerd', 'ghost']) {
      const slice = analyzeNamespace(s, name);
      expect(slice?.namespace).toEqual(nsOf(name));
      expect(slice?.workloads).toEqual(analysis.workloads.filter((w) => w.namespace === name));
      expect(slice?.pods).toEqual(analysis.pods.filter((p) => p.namespace === name));
    }
  });

  it('gathers the namespace lints and every workload lint', () => {
    const slice = analyzeNamespace(s, 'shop');
    const expected = [
      ...(nsOf('shop')?.lints ?? []),
      ...analysis.workloads.filter((w) => w.namespace === 'shop').flatMap((w) => w.lints),
    ];
    expect(slice?.lints).toEqual(expected);
    expect(slice?.lints.some((l) => l.code === 'restart_required' && l.target.name === 'web')).toBe(true);
  });

  it('is undefined for a namespace the snapshot does not know', () => {
    expect(analyzeNamespace(s, 'nope')).toBeUndefined();
  });

  it('reports an empty namespace', () => {
    expect(analyzeNamespace(s, 'kube-system')).toMatchObject({
      namespace: { name: 'kube-system', pods: 0 },
      workloads: [],
      pods: [],
    });
  });

  it('agrees with the template-level decision for an annotated template', () => {
    const d = deployment('x', { template: annotated('enabled') });
    const slice = analyzeNamespace(
      snapshot({ namespaces: [namespace('shop')], workloads: [d.deployment, d.replicaSet] }),
      'shop',
    );
    expect(slice?.workloads[0]?.template.inject).toBe(true);
  });
});
