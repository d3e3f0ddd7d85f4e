import { describe, expect, it } from 'vitest';
import { workload } from '../test/mesh-fixtures.ts';
import {
  isRestartableKind,
  PAUSED_DEPLOYMENT_MESSAGE,
  RESTARTABLE_KINDS,
  restartAction,
  restartability,
} from './restartability.ts';

describe('restartability', () => {
  it.each([
    { w: workload('Deployment', 'web'), restartable: true },
    { w: workload('Deployment', 'web', { paused: false }), restartable: true },
    { w: workload('StatefulSet', 'db'), restartable: true },
    { w: workload('StatefulSet', 'db', { updateStrategy: 'RollingUpdate' }), restartable: true },
    { w: workload('DaemonSet', 'agent', { updateStrategy: 'RollingUpdate' }), restartable: true },
    { w: workload('ReplicaSet', 'legacy'), restartable: false },
    { w: workload('ReplicationController', 'old'), restartable: false },
    { w: workload('Job', 'migrate'), restartable: false },
    { w: workload('CronJob', 'nightly'), restartable: false },
  ])('$w.kind $w.updateStrategy → $restartable', ({ w, restartable }) => {
    const r = restartability(w);
    expect(r.restartable).toBe(restartable);
    expect(r.why === undefined).toBe(restartable);
  });

  it("refuses a paused Deployment with kubectl's words", () => {
    expect(restartability(workload('Deployment', 'web', { paused: true }))).toEqual({
      restartable: false,
      why: "can't restart paused deployment (run rollout resume first)",
    });
    expect(PAUSED_DEPLOYMENT_MESSAGE).toBe("can't restart paused deployment (run rollout resume first)");
  });

  it.each(['StatefulSet', 'DaemonSet'] as const)('says to delete the pods of an OnDelete %s', (kind) => {
    const r = restartability(workload(kind, 'db', { updateStrategy: 'OnDelete' }));
    expect(r.restartable).toBe(false);
    expect(r.why).toContain('OnDelete');
    expect(r.why).toContain('delete its pods');
  });

  it('says what to do for the kinds without a rollout', () => {
    expect(restartability(workload('ReplicaSet', 'legacy')).why).toContain('delete its pods');
    expect(restartability(workload('Job', 'migrate')).why).toContain(
      'delete Job migrate and create it again',
    );
    expect(restartability(workload('CronJob', 'nightly')).why).toContain('next run is injected by itself');
  });
});

describe('restartAction', () => {
  const goal = 'inject the proxy';
  it.each([
    {
      name: 'Deployment',
      target: { ref: { kind: 'Deployment' as const, name: 'web' } },
      text: 'Restart Deployment web to inject the proxy',
    },
    {
      name: 'paused Deployment',
      target: {
        ref: { kind: 'Deployment' as const, name: 'web' },
        workload: workload('Deployment', 'web', { paused: true }),
      },
      text: 'Resume Deployment web (kubectl rollout resume), then restart it to inject the proxy',
    },
    {
      name: 'OnDelete StatefulSet',
      target: {
        ref: { kind: 'StatefulSet' as const, name: 'db' },
        workload: workload('StatefulSet', 'db', { updateStrategy: 'OnDelete' }),
      },
      text: 'Delete the pods of StatefulSet db (update strategy OnDelete) to inject the proxy',
    },
    {
      name: 'DaemonSet',
      target: { ref: { kind: 'DaemonSet' as const, name: 'agent' } },
      text: 'Restart DaemonSet agent to inject the proxy',
    },
    {
      name: 'ReplicaSet',
      target: { ref: { kind: 'ReplicaSet' as const, name: 'legacy' } },
      text: 'Delete the pods of ReplicaSet legacy so it recreates them, to inject the proxy',
    },
    {
      name: 'Job',
      target: { ref: { kind: 'Job' as const, name: 'migrate' } },
      text: 'Delete Job migrate and create it again to inject the proxy',
    },
    {
      name: 'CronJob',
      target: { ref: { kind: 'CronJob' as const, name: 'nightly' } },
      text: 'Wait for the next run of CronJob nightly, or recreate its current Job, to inject the proxy',
    },
    {
      name: 'bare pod',
      target: { pod: { name: 'debug' } },
      text: 'Delete pod debug and create it again to inject the proxy',
    },
    {
      name: 'foreign owner',
      target: { pod: { name: 'r-1' }, foreignOwner: { kind: 'Rollout', name: 'r', uid: 'u' } },
      text: 'Restart Rollout r (the owner of pod r-1) or delete the pod to inject the proxy',
    },
  ])('$name', ({ target, text }) => {
    expect(restartAction(target, goal)).toBe(text);
  });
});

describe('restartable kinds', () => {
  it('are the kinds kubectl rollout restart rolls out, and only those', () => {
    expect(RESTARTABLE_KINDS).toEqual(['Deployment', 'StatefulSet', 'DaemonSet']);
    for (const kind of ['CronJob', 'Job', 'ReplicaSet', 'ReplicationController', 'Pod', 'deployment']) {
      expect(isRestartableKind(kind)).toBe(false);
    }
    expect(RESTARTABLE_KINDS.every(isRestartableKind)).toBe(true);
  });
});
