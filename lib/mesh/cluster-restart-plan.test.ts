import { describe, expect, it } from 'vitest';
import { analyzeNamespace } from './analyze.ts';
import { clusterRestartPlan, judgeTarget, planWaves, SETTLE_MS } from './cluster-restart-plan.ts';
import {
  deployment,
  injectNamespace,
  injected,
  namespace,
  pod,
  podOf,
  snapshot,
  spec,
  workload,
} from '../test/mesh-fixtures.ts';
import type { ClusterSnapshot, NamespaceAnalysis } from './types.ts';

function analysesOf(s: ClusterSnapshot): NamespaceAnalysis[] {
  return s.namespaces.map((n) => analyzeNamespace(s, n.name)!).filter(Boolean);
}

// Three namespaces opted in after their pods started (missing-proxy), one opted out after (unwanted-proxy).
function cluster(): ClusterSnapshot {
  const shop = deployment('web', { namespace: 'shop' });
  const pay = deployment('api', { namespace: 'payments' });
  const db = workload('StatefulSet', 'db', { namespace: 'payments', updateStrategy: 'OnDelete' });
  const old = deployment('legacy', { namespace: 'legacy' });
  const sys = deployment('dns', { namespace: 'kube-system' });
  const agent = workload('DaemonSet', 'agent', {
    namespace: 'search',
    template: spec({ hostNetwork: true }),
  });
  return snapshot({
    namespaces: [
      injectNamespace('shop', 'enabled'),
      injectNamespace('payments', 'enabled'),
      injectNamespace('legacy', 'disabled'),
      injectNamespace('kube-system', 'enabled'),
      injectNamespace('search', 'enabled'),
      namespace('quiet'),
    ],
    workloads: [
      shop.deployment,
      shop.replicaSet,
      pay.deployment,
      pay.replicaSet,
      db,
      old.deployment,
      old.replicaSet,
      sys.deployment,
      sys.replicaSet,
      agent,
    ],
    pods: [
      podOf(shop.replicaSet, 'web-a'),
      podOf(shop.replicaSet, 'web-b'),
      podOf(pay.replicaSet, 'api-a'),
      podOf(db, 'db-0'),
      injected(podOf(old.replicaSet, 'legacy-a')),
      podOf(sys.replicaSet, 'dns-a'),
      podOf(agent, 'agent-a'),
      pod('toolbox', { namespace: 'shop' }),
      pod('idle', { namespace: 'quiet' }),
    ],
  });
}

describe('clusterRestartPlan', () => {
  it('lists every workload a restart fixes, by namespace, with the statuses it fixes', () => {
    const plan = clusterRestartPlan(analysesOf(cluster()));
    expect(plan.targets).toEqual([
      { namespace: 'legacy', kind: 'Deployment', name: 'legacy', pods: 1, statuses: { 'unwanted-proxy': 1 } },
      { namespace: 'payments', kind: 'Deployment', name: 'api', pods: 1, statuses: { 'missing-proxy': 1 } },
      { namespace: 'shop', kind: 'Deployment', name: 'web', pods: 2, statuses: { 'missing-proxy': 2 } },
    ]);
  });

  it('lists what it will not restart, each with what to do instead', () => {
    const skipped = clusterRestartPlan(analysesOf(cluster())).skipped;
    const byName = Object.fromEntries(skipped.map((s) => [`${s.namespace}/${s.name}`, s]));
    expect(byName['payments/db']).toMatchObject({ code: 'on_delete', kind: 'StatefulSet', pods: 1 });
    expect(byName['payments/db']?.action).toMatch(/^Delete the pods of StatefulSet db/);
    expect(byName['shop/toolbox']).toMatchObject({ code: 'bare_pod', kind: 'Pod', pods: 1 });
    // The webhook never calls the injector for kube-system: nothing there is restart-fixable.
    expect(Object.keys(byName)).not.toContain('kube-system/dns');
    // hostNetwork pods are not-injectable, not restart-fixable: the plan leaves them out entirely.
    expect(Object.keys(byName)).not.toContain('search/agent');
    expect(Object.keys(byName)).not.toContain('quiet/idle');
  });

  it("never rolls Linkerd's control plane in a batch", () => {
    const s = cluster();
    const plan = clusterRestartPlan(analysesOf(s), { controlPlaneNamespace: 'shop' });
    expect(plan.targets.map((t) => t.namespace)).not.toContain('shop');
    expect(plan.skipped.filter((x) => x.namespace === 'shop').map((x) => x.code)).toEqual([
      'control_plane',
      'control_plane',
    ]);
  });

  it('limits the plan to the namespaces asked for', () => {
    const plan = clusterRestartPlan(analysesOf(cluster()), { only: new Set(['shop']) });
    expect(plan.targets.map((t) => `${t.namespace}/${t.name}`)).toEqual(['shop/web']);
    expect(plan.skipped.map((t) => `${t.namespace}/${t.name}`)).toEqual(['shop/toolbox']);
  });
});

describe('planWaves', () => {
  it('cuts the plan into waves of at most N, in order, N between 1 and 20', () => {
    expect(planWaves([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(planWaves([1, 2, 3], 1)).toEqual([[1], [2], [3]]);
    expect(planWaves([1, 2], 0)).toEqual([[1], [2]]);
    expect(
      planWaves(
        Array.from({ length: 25 }, (_, i) => i),
        100,
      ).map((w) => w.length),
    ).toEqual([20, 5]);
    expect(planWaves([], 3)).toEqual([]);
  });
});

describe('judgeTarget', () => {
  const now = 1_000_000;
  it('is done when the rollout is complete and no pod needs a restart any more', () => {
    expect(judgeTarget({ rollout: 'complete', stillToFix: {}, completeSince: now, now })).toEqual({
      state: 'done',
    });
    expect(judgeTarget({ rollout: 'progressing', stillToFix: { 'missing-proxy': 2 }, now })).toEqual({
      state: 'rolling',
    });
  });

  it('fails on a stalled rollout with the controller’s message', () => {
    expect(
      judgeTarget({
        rollout: 'stalled',
        problem: 'failed calling webhook — bring the injector back',
        stillToFix: {},
        now,
      }),
    ).toEqual({
      state: 'failed',
      reason: 'its rollout stalled: failed calling webhook — bring the injector back',
    });
    expect(judgeTarget({ rollout: 'stalled', stalledForSeconds: 90, stillToFix: {}, now })).toEqual({
      state: 'failed',
      reason: 'its rollout stalled: no new pod for 90 s',
    });
  });

  it('waits a moment for the cache, then fails when the new pods are still not as expected', () => {
    const check = { rollout: 'complete' as const, stillToFix: { 'missing-proxy': 1 }, completeSince: now };
    expect(judgeTarget({ ...check, now: now + SETTLE_MS - 1 })).toEqual({ state: 'rolling' });
    const failed = judgeTarget({ ...check, now: now + SETTLE_MS });
    expect(failed.state).toBe('failed');
    expect(failed.state === 'failed' && failed.reason).toBe(
      'its rollout finished but 1 of its new pods is still missing-proxy: the injector did not add the proxy: check that it answers (the injector probe in the header) before going on',
    );
  });
});
