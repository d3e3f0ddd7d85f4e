import { describe, expect, it } from 'vitest';
import { judgeRollout, lostStatefulSetPods, problemFix, type RolloutFacts } from './rollout.ts';

const T0 = Date.parse('2026-12-02T03:00:00Z');
const webhookRefusal =
  'Internal error occurred: failed calling webhook "linkerd-proxy-injector.linkerd.io": failed to call webhook: Post "https://127.0.0.1:1/?timeout=1s": dial tcp 127.0.0.1:1: connect: connection refused';
const facts = (over: Partial<RolloutFacts> = {}): RolloutFacts => ({
  kind: 'Deployment',
  name: 'web',
  desired: 2,
  updated: 0,
  ready: 2,
  observed: true,
  conditions: [],
  events: [],
  podNames: ['web-a', 'web-b'],
  since: T0,
  lastProgressAt: T0,
  now: T0 + 5_000,
  stallAfterSeconds: 30,
  ...over,
});
const failedCreate = (at: number) => ({
  reason: 'FailedCreate',
  message: `Error creating: ${webhookRefusal}`,
  type: 'Warning',
  count: 3,
  lastSeen: at,
  object: { kind: 'ReplicaSet', name: 'web-7c9' },
});

describe('judgeRollout', () => {
  it('complete when every replica is updated and ready', () => {
    expect(judgeRollout(facts({ updated: 2 })).phase).toBe('complete');
    expect(judgeRollout(facts({ updated: 2, observed: false })).phase).toBe('progressing');
  });

  it('shows FailedCreate from the new ReplicaSet at once, with the API server’s words and the fix', () => {
    const j = judgeRollout(facts({ events: [failedCreate(T0 + 2_000)] }));
    expect(j.phase).toBe('progressing');
    expect(j.problems).toHaveLength(1);
    expect(j.problems[0]).toMatchObject({ reason: 'FailedCreate', webhook: true, count: 3 });
    expect(j.problems[0]?.message).toContain('connection refused');
    expect(j.problems[0]?.fix).toMatch(/proxy injector did not answer/);
  });

  it('ignores events from before the restart', () => {
    expect(judgeRollout(facts({ events: [failedCreate(T0 - 60_000)] })).problems).toEqual([]);
  });

  it('is stalled after the configured time without progress, never waits forever', () => {
    const j = judgeRollout(facts({ now: T0 + 31_000, events: [failedCreate(T0 + 1_000)] }));
    expect(j).toMatchObject({ phase: 'stalled', stalledForSeconds: 31 });
    expect(judgeRollout(facts({ now: T0 + 31_000, lastProgressAt: T0 + 20_000 })).phase).toBe('progressing');
  });

  it('reads conditions: ProgressDeadlineExceeded and ReplicaFailure', () => {
    const j = judgeRollout(
      facts({
        conditions: [
          { type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded', message: 'too slow' },
          { type: 'ReplicaFailure', status: 'True', reason: 'FailedCreate', message: webhookRefusal },
          { type: 'Available', status: 'True' },
        ],
      }),
    );
    expect(j.problems.map((p) => p.reason)).toEqual(['ProgressDeadlineExceeded', 'FailedCreate']);
    expect(j.problems[0]?.fix).toMatch(/progressDeadlineSeconds/);
  });

  it('calls out the StatefulSet pod the roll deleted and could not recreate', () => {
    const j = judgeRollout(
      facts({
        kind: 'StatefulSet',
        name: 'db',
        desired: 3,
        updated: 0,
        ready: 2,
        podNames: ['db-0', 'db-2'],
      }),
    );
    expect(j.lostPods).toEqual(['db-1']);
    expect(lostStatefulSetPods('db', 2, ['db-0', 'db-1', 'db-2'])).toEqual([]);
  });
});

describe('problemFix', () => {
  it('says what to do for webhook errors, quotas and anything else', () => {
    expect(problemFix('FailedCreate', webhookRefusal)).toMatch(/injector/);
    expect(problemFix('FailedCreate', 'exceeded quota: compute')).toMatch(/ResourceQuota/);
    expect(problemFix('FailedCreate', 'something else')).toMatch(/retries by itself/);
  });
});
