import { describe, expect, it } from 'vitest';
import type { PodVerdict, RolloutStateResponse } from '@/lib/api/dto';
import { isFinished, targetProgress, type RolloutTarget } from './rollout';

const target: RolloutTarget = { kind: 'Deployment', name: 'web', pods: 2, result: 'done' };

function pod(uid: string, overrides: Partial<PodVerdict> = {}): PodVerdict {
  return {
    namespace: 'shop',
    name: `web-${uid}`,
    uid,
    createdAt: '2025-01-01T00:00:00Z',
    phase: 'Running',
    deleting: false,
    workload: { kind: 'Deployment', name: 'web' },
    meshed: false,
    nativeSidecar: false,
    expected: true,
    status: 'missing-proxy',
    reasons: [],
    ...overrides,
  };
}

const before = new Set(['a', 'b']);

describe('targetProgress', () => {
  it('waits while only the old pods exist', () => {
    expect(targetProgress(target, [pod('a'), pod('b')], before).phase).toBe('waiting');
  });

  it('is rolling while old pods remain next to new ones', () => {
    const progress = targetProgress(target, [pod('a'), pod('c', { status: 'meshed', meshed: true })], before);
    expect(progress).toMatchObject({ phase: 'rolling', oldPods: 1, newPods: 1 });
  });

  it('settles until every new proxy is ready', () => {
    const fresh = [
      pod('c', { meshed: true, proxyReady: false, status: 'meshed' }),
      pod('d', { meshed: true, proxyReady: true, status: 'meshed' }),
    ];
    expect(targetProgress(target, fresh, before).phase).toBe('settling');
  });

  it('finishes meshed when the new pods are meshed with ready proxies', () => {
    const fresh = ['c', 'd'].map((uid) => pod(uid, { meshed: true, proxyReady: true, status: 'meshed' }));
    expect(targetProgress(target, fresh, before)).toMatchObject({
      phase: 'done',
      outcome: 'meshed',
      newProxiesReady: 2,
    });
  });

  it('finishes with the engine reasons when the new pods cannot be meshed', () => {
    const reason = { code: 'injector_not_installed' as const, message: 'no injector', fix: 'install it' };
    const fresh = ['c', 'd'].map((uid) => pod(uid, { status: 'not-injectable', reasons: [reason] }));
    const progress = targetProgress(target, fresh, before);
    expect(progress).toMatchObject({ phase: 'done', outcome: 'not-meshed', statuses: ['not-injectable'] });
    expect(progress.reasons).toEqual([reason]);
  });

  it('ignores terminating new pods and other workloads', () => {
    const other = pod('x', { workload: { kind: 'Deployment', name: 'api' } });
    const progress = targetProgress(target, [pod('c', { deleting: true }), other], before);
    expect(progress).toMatchObject({ phase: 'waiting', newPods: 0 });
  });

  it('reports skipped and failed restarts as they came back', () => {
    expect(targetProgress({ ...target, result: 'skipped', why: 'paused' }, [], before)).toMatchObject({
      phase: 'skipped',
      why: 'paused',
    });
    expect(targetProgress({ ...target, result: 'failed' }, [], before).phase).toBe('failed');
  });
});

describe('targetProgress with the server’s rollout state', () => {
  const state = (phase: 'progressing' | 'stalled'): RolloutStateResponse => ({
    namespace: 'shop',
    kind: 'Deployment',
    name: 'web',
    since: '2026-12-02T03:00:00Z',
    phase,
    problems: [
      {
        reason: 'FailedCreate',
        message: 'failed calling webhook',
        object: { kind: 'ReplicaSet', name: 'web-1' },
        count: 2,
        webhook: true,
        fix: 'bring the injector back',
      },
    ],
    lostPods: [],
    desired: 2,
    updated: 0,
    ready: 2,
    stallAfterSeconds: 30,
    ...(phase === 'stalled' ? { stalledForSeconds: 31 } : {}),
  });

  it('carries FailedCreate while waiting, and turns stalled when the server says so', () => {
    const pods = [pod('a'), pod('b')];
    const waiting = targetProgress(target, pods, before, state('progressing'));
    expect(waiting.phase).toBe('waiting');
    expect(waiting.problems[0]?.reason).toBe('FailedCreate');
    const stalled = targetProgress(target, pods, before, state('stalled'));
    expect(stalled).toMatchObject({ phase: 'stalled', stalledForSeconds: 31 });
    expect(isFinished(stalled)).toBe(true);
  });
});
