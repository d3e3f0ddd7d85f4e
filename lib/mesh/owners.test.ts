import { describe, expect, it } from 'vitest';
import { annotated, deployment, ownerRef, pod, podOf, snapshot, workload } from '../test/mesh-fixtures.ts';
import {
  describeOwnerChain,
  describeTemplateSource,
  indexSnapshot,
  isTopLevel,
  resolveOwner,
} from './owners.ts';
import type { WorkloadRecord } from './types.ts';

function resolve(workloads: WorkloadRecord[], p: ReturnType<typeof pod>) {
  return resolveOwner(p, indexSnapshot(snapshot({ workloads })));
}

describe('resolveOwner', () => {
  it('goes from a ReplicaSet to its Deployment and evaluates the Deployment’s current template', () => {
    const { deployment: dep, replicaSet } = deployment(
      'web',
      { template: annotated('enabled') },
      annotated('disabled'),
    );
    const p = podOf(replicaSet, 'web-5d8f7c-abcde');
    const r = resolve([dep, replicaSet], p);
    expect(r.ref).toEqual({ kind: 'Deployment', name: 'web' });
    expect(r.workload).toBe(dep);
    expect(r.templateOwner).toBe(dep);
    expect(describeOwnerChain(p, r)).toBe('ReplicaSet web-5d8f7c → Deployment web');
    expect(describeTemplateSource(p, r)).toBe('the current template of Deployment web');
  });

  it('goes from a Job to its CronJob and uses the job template', () => {
    const cron = workload('CronJob', 'nightly', { template: annotated('enabled') });
    const job = workload('Job', 'nightly-2901', { owner: ownerRef(cron) });
    const p = podOf(job, 'nightly-2901-x');
    const r = resolve([cron, job], p);
    expect(r.ref).toEqual({ kind: 'CronJob', name: 'nightly' });
    expect(r.templateOwner).toBe(cron);
    expect(describeTemplateSource(p, r)).toBe('the job template of CronJob nightly');
  });

  it.each(['StatefulSet', 'DaemonSet', 'ReplicationController'] as const)(
    'a %s owns its pods directly',
    (kind) => {
      const w = workload(kind, 'db');
      const r = resolve([w], podOf(w, 'db-0'));
      expect(r.ref).toEqual({ kind, name: 'db' });
      expect(r.templateOwner).toBe(w);
    },
  );

  it('treats a standalone ReplicaSet and a standalone Job as the workload', () => {
    const rs = workload('ReplicaSet', 'legacy');
    const job = workload('Job', 'migrate');
    expect(resolve([rs], podOf(rs, 'legacy-a')).ref).toEqual({ kind: 'ReplicaSet', name: 'legacy' });
    expect(resolve([job], podOf(job, 'migrate-a')).ref).toEqual({ kind: 'Job', name: 'migrate' });
  });

  it('falls back to the pod itself when its owner is not in the snapshot', () => {
    const { replicaSet } = deployment('web');
    const p = podOf(replicaSet, 'web-x');
    const r = resolve([], p);
    expect(r.ref).toEqual({ kind: 'ReplicaSet', name: 'web-5d8f7c' });
    expect(r.templateOwner).toBeUndefined();
    expect(describeTemplateSource(p, r)).toBe(
      'pod web-x itself (its ReplicaSet web-5d8f7c is not in the snapshot)',
    );
    expect(describeOwnerChain(p, r)).toBe('ReplicaSet web-5d8f7c (not in the snapshot)');
  });

  it('restarts the Deployment by name and uses the ReplicaSet template when only the Deployment is missing', () => {
    const { replicaSet } = deployment('web');
    const p = podOf(replicaSet, 'web-x');
    const r = resolve([replicaSet], p);
    expect(r.ref).toEqual({ kind: 'Deployment', name: 'web' });
    expect(r.workload).toBeUndefined();
    expect(r.templateOwner).toBe(replicaSet);
    expect(describeOwnerChain(p, r)).toBe('ReplicaSet web-5d8f7c → Deployment web (not in the snapshot)');
  });

  it('matches by kind and name when the uid is stale', () => {
    const w = workload('StatefulSet', 'db');
    const p = pod('db-0', { owner: { kind: 'StatefulSet', name: 'db', uid: 'old-uid' } });
    expect(resolve([w], p).workload).toBe(w);
  });

  it('never matches an owner in another namespace', () => {
    const other = workload('StatefulSet', 'db', { namespace: 'other' });
    const p = pod('db-0', { owner: ownerRef(other) });
    expect(resolve([other], p).workload).toBeUndefined();
  });

  it('keeps a bare pod and a pod with a foreign owner to themselves', () => {
    const debug = pod('debug');
    const bare = resolve([], debug);
    expect([bare.ref, bare.templateOwner]).toEqual([undefined, undefined]);
    expect(describeOwnerChain(debug, bare)).toBe('none (a bare pod)');
    expect(describeTemplateSource(debug, bare)).toBe('pod debug itself (a bare pod)');
    const mirror = pod('etcd-node1', { owner: { kind: 'Node', name: 'node1', uid: 'n1' } });
    const r = resolve([], mirror);
    expect(r.ref).toBeUndefined();
    expect(r.foreignOwner).toEqual({ kind: 'Node', name: 'node1', uid: 'n1' });
    expect(describeTemplateSource(mirror, r)).toContain(
      'its owner Node node1 is not a workload kind meshwatch reads',
    );
  });
});

describe('isTopLevel', () => {
  it.each([
    { w: workload('Deployment', 'a'), top: true },
    { w: workload('CronJob', 'a'), top: true },
    { w: workload('ReplicaSet', 'a'), top: true },
    { w: workload('ReplicaSet', 'a', { owner: { kind: 'Deployment', name: 'd', uid: 'u' } }), top: false },
    { w: workload('ReplicaSet', 'a', { owner: { kind: 'Rollout', name: 'r', uid: 'u' } }), top: true },
    { w: workload('Job', 'a', { owner: { kind: 'CronJob', name: 'c', uid: 'u' } }), top: false },
    { w: workload('Job', 'a'), top: true },
  ])('$w.kind with owner $w.owner.kind → $top', ({ w, top }) => {
    expect(isTopLevel(w)).toBe(top);
  });
});
