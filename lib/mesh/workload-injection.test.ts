import { describe, expect, it } from 'vitest';
import { workload } from '../test/mesh-fixtures.ts';
import { templateChangeConsequence } from './workload-injection.ts';

describe('templateChangeConsequence', () => {
  it('rolls a Deployment now', () => {
    expect(templateChangeConsequence(workload('Deployment', 'web', { replicas: 2 }), true).effect).toBe(
      'rolls-now',
    );
  });

  it('does not roll a paused Deployment, and says how to resume it', () => {
    const c = templateChangeConsequence(workload('Deployment', 'web', { paused: true }), true);
    expect(c.effect).toBe('no-rollout');
    expect(c.sentence).toContain('kubectl rollout resume deployment/web -n shop');
  });

  it('does not roll an OnDelete StatefulSet or DaemonSet', () => {
    for (const kind of ['StatefulSet', 'DaemonSet'] as const) {
      const c = templateChangeConsequence(workload(kind, 'x', { updateStrategy: 'OnDelete' }), true);
      expect(c.effect).toBe('no-rollout');
      expect(c.sentence).toContain('OnDelete');
    }
    expect(
      templateChangeConsequence(workload('StatefulSet', 'x', { updateStrategy: 'RollingUpdate' }), true)
        .effect,
    ).toBe('rolls-now');
  });

  it('affects only future Jobs of a CronJob', () => {
    expect(templateChangeConsequence(workload('CronJob', 'nightly'), true).effect).toBe('future-jobs');
  });

  it('says nothing changes when the template already says so', () => {
    expect(templateChangeConsequence(workload('Deployment', 'web'), false).effect).toBe('nothing');
  });

  it('rolls nothing at 0 replicas', () => {
    expect(templateChangeConsequence(workload('Deployment', 'web', { replicas: 0 }), true).effect).toBe(
      'no-rollout',
    );
  });
});
