import { describe, expect, it } from 'vitest';
import { analyzeNamespace } from './analyze.ts';
import { deployment, injectNamespace, pod, podOf, snapshot, workload } from '../test/mesh-fixtures.ts';
import { restartPlan, type ExclusionCode } from './restart-plan.ts';
import type { ClusterSnapshot } from './types.ts';

// A namespace that opted in after its pods started: every pod is missing its proxy.
function planOf(over: Partial<ClusterSnapshot>) {
  const analysis = analyzeNamespace(
    snapshot({ namespaces: [injectNamespace('shop', 'enabled')], ...over }),
    'shop',
  );
  if (!analysis) throw new Error('no analysis');
  return restartPlan(analysis);
}

describe('restartPlan', () => {
  it('lists a bare pod a restart will not replace, with delete-and-recreate, and counts it', () => {
    const { deployment: web, replicaSet } = deployment('web');
    const plan = planOf({
      workloads: [web, replicaSet],
      pods: [...['a', 'b', 'c', 'd', 'e', 'f'].map((n) => podOf(replicaSet, `web-${n}`)), pod('toolbox')],
    });
    expect(plan.podsToFix).toBe(7);
    expect(plan.restarts).toEqual([{ kind: 'Deployment', name: 'web', pods: 6 }]);
    expect(plan.exclusions).toEqual([
      {
        code: 'bare_pod',
        kind: 'Pod',
        name: 'toolbox',
        pods: ['toolbox'],
        action: 'Delete pod toolbox and create it again to inject the proxy',
      },
    ]);
  });

  it.each<[string, ExclusionCode, ReturnType<typeof workload>, RegExp]>([
    [
      'paused Deployment',
      'paused',
      workload('Deployment', 'frozen', { paused: true }),
      /^Resume Deployment frozen/,
    ],
    [
      'OnDelete StatefulSet',
      'on_delete',
      workload('StatefulSet', 'db', { updateStrategy: 'OnDelete' }),
      /^Delete the pods of StatefulSet db/,
    ],
    [
      'OnDelete DaemonSet',
      'on_delete',
      workload('DaemonSet', 'agent', { updateStrategy: 'OnDelete' }),
      /^Delete the pods of DaemonSet agent/,
    ],
    ['standalone ReplicaSet', 'no_rollout', workload('ReplicaSet', 'loose'), /delete its pods/],
    ['ReplicationController', 'no_rollout', workload('ReplicationController', 'old'), /delete its pods/],
    ['Job', 'job', workload('Job', 'migrate'), /delete Job migrate and create it again/],
  ])('excludes a %s (%s) and says what to do instead', (_label, code, owner, action) => {
    const owned =
      owner.kind === 'Deployment'
        ? deployment(owner.name, { paused: true })
        : { deployment: owner, replicaSet: owner };
    const podOwner = owner.kind === 'Deployment' ? owned.replicaSet : owner;
    const plan = planOf({
      workloads: owner.kind === 'Deployment' ? [owned.deployment, owned.replicaSet] : [owner],
      pods: [podOf(podOwner, `${owner.name}-0`), podOf(podOwner, `${owner.name}-1`)],
    });
    expect(plan.restarts).toEqual([]);
    expect(plan.podsToFix).toBe(2);
    expect(plan.exclusions).toHaveLength(1);
    expect(plan.exclusions[0]).toMatchObject({
      code,
      kind: owner.kind,
      name: owner.name,
      pods: [`${owner.name}-0`, `${owner.name}-1`],
    });
    expect(plan.exclusions[0]?.action).toMatch(action);
  });

  it('excludes pods whose workload is not in the snapshot, by its name', () => {
    const { replicaSet } = deployment('ghost');
    const plan = planOf({ workloads: [replicaSet], pods: [podOf(replicaSet, 'ghost-a')] });
    expect(plan.restarts).toEqual([]);
    expect(plan.exclusions[0]).toMatchObject({ code: 'unknown_workload', kind: 'Deployment', name: 'ghost' });
  });

  it('leaves out pods that need nothing and pods that are not counted', () => {
    const { deployment: web, replicaSet } = deployment('web');
    const plan = planOf({
      namespaces: [injectNamespace('shop', 'disabled')],
      workloads: [web, replicaSet],
      pods: [podOf(replicaSet, 'web-a'), pod('done', { phase: 'Succeeded' })],
    });
    expect(plan).toEqual({ restarts: [], exclusions: [], podsToFix: 0 });
  });
});
