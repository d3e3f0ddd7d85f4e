// The token check with identity.serviceAccountTokenProjection off, end to end: which live pod is the
// evidence for a template that leaves automountServiceAccountToken to its ServiceAccount.
import { describe, expect, it } from 'vitest';
import { analyzeCluster, analyzeNamespace, explainPod } from './analyze.ts';
import {
  controlPlane,
  deployment,
  injected,
  injectNamespace,
  pod,
  podOf,
  snapshot,
  spec,
} from '../test/mesh-fixtures.ts';
import type { ClusterSnapshot, PodRecord, PodVerdict } from './types.ts';

const OFF = controlPlane({ serviceAccountTokenProjection: false });
const CODE = 'disabled_automount_service_account_token_account';
const shop = injectNamespace('shop', 'enabled');
const web = deployment('web', { template: spec({ serviceAccountName: 'no-automount' }) });

/** A pod the API server admitted from web's template: the ServiceAccount decided its mount. */
function admitted(name: string, mounted: boolean, over: Partial<PodRecord> = {}): PodRecord {
  return podOf(web.replicaSet, name, { firstContainerTokenMount: mounted, ...over });
}

function cluster(pods: PodRecord[], over: Partial<ClusterSnapshot> = {}) {
  return snapshot({
    namespaces: [shop],
    workloads: [web.deployment, web.replicaSet],
    pods,
    controlPlane: OFF,
    ...over,
  });
}

function byName(s: ClusterSnapshot): Map<string, PodVerdict> {
  return new Map(analyzeCluster(s).pods.map((p) => [p.name, p]));
}

describe('an owned pod with no token mount', () => {
  const s = cluster([admitted('web-1', false), admitted('web-2', false)]);

  it('is not injectable, with Linkerd’s reason, and a restart is not suggested', () => {
    const v = byName(s).get('web-1');
    expect(v).toMatchObject({ expected: false, status: 'not-injectable' });
    expect(v?.reasons.map((r) => r.code)).toEqual([CODE]);
    expect(analyzeCluster(s).cluster.workloadsNeedingRestart).toBe(0);
  });

  it('keeps one shared decision for the controller, and the workload summary agrees', () => {
    const analysis = analyzeCluster(s);
    const [a, b] = analysis.pods;
    expect(a?.reasons).toBe(b?.reasons);
    expect(analysis.workloads[0]?.template.inject).toBe(false);
  });

  it('explains which pod was the evidence', () => {
    const step = explainPod(s, 'shop', 'web-1')?.trace.find((t) => t.rule === 'automountServiceAccountToken');
    expect(step?.outcome).toBe('block');
    expect(step?.detail).toContain('ServiceAccount no-automount');
    expect(step?.detail).toMatch(/container app of pod web-[12] has none/);
    expect(analyzeNamespace(s, 'shop')?.pods.map((p) => p.status)).toEqual([
      'not-injectable',
      'not-injectable',
    ]);
  });

  it('does not matter with projection on: a restart injects', () => {
    const v = byName(cluster([admitted('web-1', false)], { controlPlane: controlPlane() })).get('web-1');
    expect(v).toMatchObject({ expected: true, status: 'missing-proxy' });
  });
});

describe('which pod counts as evidence', () => {
  it('a pod that got the mount: the restart injects', () => {
    expect(byName(cluster([admitted('web-1', true)])).get('web-1')?.status).toBe('missing-proxy');
  });

  it('the newest pod wins (the ServiceAccount changed)', () => {
    const old = admitted('web-old', true, { createdAt: '2025-06-01T10:00:00Z' });
    const recent = admitted('web-new', false, { createdAt: '2025-06-02T10:00:00Z' });
    const v = byName(cluster([injected(old), recent]));
    expect(v.get('web-new')?.status).toBe('not-injectable');
    expect(v.get('web-old')).toMatchObject({ meshed: true, expected: false, status: 'unwanted-proxy' });
  });

  it('not a pod of another ServiceAccount (an older template)', () => {
    const other = admitted('web-1', false, { serviceAccountName: 'default' });
    expect(byName(cluster([other])).get('web-1')?.status).toBe('missing-proxy');
  });

  it('not a pod whose own spec set automountServiceAccountToken', () => {
    const explicit = admitted('web-1', false, { automountServiceAccountToken: false });
    expect(byName(cluster([explicit])).get('web-1')?.status).toBe('missing-proxy');
  });

  it('no pods: the template decision does not block, and says the ServiceAccount decides', () => {
    const [summary] = analyzeCluster(cluster([])).workloads;
    expect(summary?.template.inject).toBe(true);
    const step = summary?.template.trace.find((t) => t.rule === 'automountServiceAccountToken');
    expect(step?.detail).toContain("ServiceAccount no-automount's automountServiceAccountToken decides");
  });

  it('a template that now sets automountServiceAccountToken: true overrides old pods without the mount', () => {
    const fixed = deployment('web', {
      template: spec({ serviceAccountName: 'no-automount', automountServiceAccountToken: true }),
    });
    const s = cluster([podOf(fixed.replicaSet, 'web-1', { firstContainerTokenMount: false })], {
      workloads: [fixed.deployment, fixed.replicaSet],
    });
    expect(byName(s).get('web-1')?.status).toBe('missing-proxy');
  });
});

describe('bare pods', () => {
  it('use their own mount', () => {
    const bare = pod('debug', { serviceAccountName: 'no-automount', firstContainerTokenMount: false });
    const v = byName(cluster([bare])).get('debug');
    expect(v).toMatchObject({ status: 'not-injectable' });
    expect(v?.reasons.map((r) => r.code)).toEqual([CODE]);
    const mounted = pod('debug', { firstContainerTokenMount: true });
    expect(byName(cluster([mounted])).get('debug')?.status).toBe('missing-proxy');
  });

  it('read past a classic proxy the injector put first', () => {
    const meshed = injected(pod('debug', { firstContainerTokenMount: true }), { native: false });
    expect(meshed.containers.map((c) => c.name)).toEqual(['linkerd-proxy', 'app']);
    expect(byName(cluster([meshed])).get('debug')?.status).toBe('meshed');
  });
});

describe('without evidence on the records', () => {
  it('nothing blocks when the template leaves it unset (records built without the mount fact)', () => {
    const v = byName(cluster([podOf(web.replicaSet, 'web-1')])).get('web-1');
    expect(v?.status).toBe('missing-proxy');
  });
});
