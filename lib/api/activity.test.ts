import { describe, expect, it } from 'vitest';
import {
  entryNamespace,
  eventToEntry,
  mergeActivity,
  messageBy,
  type MeshwatchEventRecord,
} from './activity';
import type { ActivityEntry } from './dto';

const restartEvent: MeshwatchEventRecord = {
  uid: 'e1',
  reason: 'MeshwatchRestarted',
  message:
    'meshwatch restarted Deployment web (kubectl.kubernetes.io/restartedAt: (none) → 2026-12-02T03:00:00Z)',
  at: '2026-12-02T03:00:01Z',
  involvedObject: { kind: 'Deployment', namespace: 'shop', name: 'web' },
  instance: 'meshwatch-0',
};
const injectionEvent: MeshwatchEventRecord = {
  uid: 'e2',
  reason: 'MeshwatchInjectionChanged',
  message: 'meshwatch set linkerd.io/inject: (none) → "enabled"',
  at: '2026-12-02T02:59:00Z',
  involvedObject: { kind: 'Namespace', namespace: 'shop', name: 'shop' },
};

describe('eventToEntry', () => {
  it('reads meshwatch’s own Events back as activity', () => {
    expect(eventToEntry(restartEvent)).toEqual({
      id: 'event-e1',
      at: '2026-12-02T03:00:01Z',
      action: 'restart-workload',
      target: 'shop/Deployment/web',
      dryRun: false,
      result: 'ok',
      detail: 'kubectl.kubernetes.io/restartedAt: (none) → 2026-12-02T03:00:00Z',
      client: 'event (meshwatch-0)',
    });
    expect(eventToEntry(injectionEvent)).toMatchObject({
      action: 'set-injection',
      target: 'Namespace/shop',
      detail: 'linkerd.io/inject: (none) → "enabled"',
      client: 'event',
    });
    expect(eventToEntry({ ...restartEvent, reason: 'Killing' })).toBeUndefined();
  });
});

describe('who acted (#25)', () => {
  it("an Event names the person, and reads back as the entry's person", () => {
    const message = messageBy(restartEvent.message, 'system:serviceaccount:people:alice');
    expect(message).toMatch(/ — by system:serviceaccount:people:alice$/);
    expect(eventToEntry({ ...restartEvent, message })).toMatchObject({
      detail: 'kubectl.kubernetes.io/restartedAt: (none) → 2026-12-02T03:00:00Z',
      person: 'system:serviceaccount:people:alice',
    });
    expect(messageBy('x', undefined)).toBe('x');
    expect(eventToEntry(restartEvent)).not.toHaveProperty('person');
  });

  it('an entry belongs to its namespace; a restart plan to none', () => {
    expect(entryNamespace('Namespace/shop')).toBe('shop');
    expect(entryNamespace('shop/Deployment/web')).toBe('shop');
    expect(entryNamespace('/RestartPlan/0b8e')).toBe('');
  });
});

describe('mergeActivity', () => {
  const ringEntry: ActivityEntry = {
    id: 'r1',
    at: '2026-12-02T03:00:00Z',
    action: 'restart-workload',
    target: 'shop/Deployment/web',
    dryRun: false,
    result: 'ok',
    detail: 'kubectl.kubernetes.io/restartedAt: (none) → 2026-12-02T03:00:00Z',
    client: '127.0.0.1',
  };

  it('after a server restart (empty ring) shows every Event, newest first', () => {
    expect(mergeActivity([], [injectionEvent, restartEvent]).map((e) => e.id)).toEqual([
      'event-e1',
      'event-e2',
    ]);
  });

  it('keeps one entry per change when the ring and an Event both have it, the ring’s', () => {
    expect(mergeActivity([ringEntry], [restartEvent, injectionEvent]).map((e) => e.id)).toEqual([
      'r1',
      'event-e2',
    ]);
  });

  it('keeps a dry run from the ring apart from a real change', () => {
    const dry = { ...ringEntry, id: 'r2', dryRun: true };
    expect(mergeActivity([dry], [restartEvent]).map((e) => e.id)).toEqual(['event-e1', 'r2']);
  });
});
