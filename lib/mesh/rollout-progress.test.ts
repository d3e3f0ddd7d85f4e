import { describe, expect, it } from 'vitest';
import { restartInProgress, rolloutComplete, type RolloutStatus } from './rollout-progress.ts';

const now = Date.parse('2026-01-01T12:00:00Z');
const settled: RolloutStatus = {
  kind: 'Deployment',
  restartedAt: '2026-01-01T11:59:50Z',
  generation: 2,
  observedGeneration: 2,
  desired: 2,
  current: 2,
  updated: 2,
  available: 2,
};

describe('rolloutComplete', () => {
  it('is complete when every desired pod is updated and available and no old pod is left', () => {
    expect(rolloutComplete(settled)).toBe(true);
  });
  it('is not complete before the controller observed the new generation', () => {
    expect(rolloutComplete({ ...settled, generation: 3 })).toBe(false);
  });
  it('is not complete while old pods still run next to the new ones', () => {
    expect(rolloutComplete({ ...settled, current: 3 })).toBe(false);
  });
  it('is not complete while new pods are not yet available (minReadySeconds)', () => {
    expect(rolloutComplete({ ...settled, available: 1 })).toBe(false);
  });
  it('counts a DaemonSet by its scheduled numbers and a StatefulSet by ready replicas', () => {
    expect(rolloutComplete({ kind: 'DaemonSet', desired: 0 })).toBe(true);
    expect(rolloutComplete({ kind: 'StatefulSet', desired: 1, updated: 1, available: 0 })).toBe(false);
  });
});

describe('restartInProgress', () => {
  it('reports the recent restart whose rollout is still running', () => {
    expect(restartInProgress({ ...settled, generation: 3 }, now)).toEqual({
      restartedAt: '2026-01-01T11:59:50Z',
    });
  });
  it('is null once the rollout is complete, for an old restart, or without one', () => {
    expect(restartInProgress(settled, now)).toBeNull();
    expect(
      restartInProgress({ ...settled, generation: 3, restartedAt: '2026-01-01T11:00:00Z' }, now),
    ).toBeNull();
    expect(restartInProgress({ ...settled, generation: 3, restartedAt: null }, now)).toBeNull();
    expect(restartInProgress({ ...settled, generation: 3, restartedAt: 'yesterday' }, now)).toBeNull();
  });
  it('for OnDelete counts only a restart the controller has not observed yet', () => {
    const onDelete = { ...settled, kind: 'StatefulSet' as const, updateStrategy: 'OnDelete', updated: 0 };
    expect(restartInProgress(onDelete, now)).toBeNull();
    expect(restartInProgress({ ...onDelete, generation: 3 }, now)).not.toBeNull();
  });
});
