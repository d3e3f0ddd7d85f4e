import { describe, expect, it } from 'vitest';
import { fatalFreshness, freshnessOf, notSyncedDetail, STALE_AFTER_SECONDS, statusKey } from './freshness';
import type { InformerStatus } from './informer';

const now = Date.parse('2026-12-03T12:00:00Z');
const heard = (secondsAgo: number) => now - secondsAgo * 1000;
const informer = (name: string, over: Partial<InformerStatus> = {}): InformerStatus => ({
  name,
  synced: true,
  healthy: true,
  lastHeardAt: heard(3),
  lastEventAt: heard(5),
  ...over,
});
const probeOk = { healthy: true, lastOkAt: heard(1) };

describe('freshnessOf', () => {
  it('is fresh when everything synced, is healthy and was heard from lately', () => {
    const f = freshnessOf([informer('pods'), informer('namespaces')], probeOk, now);
    expect(f).toMatchObject({ synced: true, stale: false, ageSeconds: 1 });
    expect(f.lastEventAt).toBe(new Date(heard(5)).toISOString());
    expect(f.resources.map((r) => r.name)).toEqual(['pods', 'namespaces', 'api-server']);
  });

  it('is stale while a resource has not synced, or one is unhealthy, naming the error', () => {
    expect(freshnessOf([informer('pods', { synced: false })], probeOk, now)).toMatchObject({
      synced: false,
      stale: true,
    });
    const f = freshnessOf([informer('pods', { healthy: false, lastError: 'watch failed' })], probeOk, now);
    expect(f.stale).toBe(true);
    expect(f.resources[0]).toEqual({ name: 'pods', synced: true, healthy: false, lastError: 'watch failed' });
  });

  it('is stale when the API-server probe fails, and says why', () => {
    const f = freshnessOf([informer('pods')], { healthy: false, lastError: 'refused', lastOkAt: null }, now);
    expect(f.stale).toBe(true);
    expect(f.resources.at(-1)).toEqual({
      name: 'api-server',
      synced: true,
      healthy: false,
      lastError: 'refused',
    });
  });

  it(`is stale after ${STALE_AFTER_SECONDS} s without a word, and has no age before any`, () => {
    const silent = [informer('pods', { lastHeardAt: heard(STALE_AFTER_SECONDS + 1) })];
    expect(freshnessOf(silent, { healthy: true, lastOkAt: null }, now)).toMatchObject({ stale: true });
    const never = [informer('pods', { lastHeardAt: null, lastEventAt: null })];
    expect(freshnessOf(never, { healthy: true, lastOkAt: null }, now)).toMatchObject({
      stale: true,
      ageSeconds: null,
      lastEventAt: null,
    });
  });

  it('a fatal kubeconfig problem is stale, never synced, and named', () => {
    expect(fatalFreshness('no kubeconfig')).toMatchObject({
      synced: false,
      stale: true,
      resources: [{ name: 'kubeconfig', healthy: false, lastError: 'no kubeconfig' }],
    });
  });
});

describe('notSyncedDetail and statusKey', () => {
  it('groups the resources still waiting by their error', () => {
    expect(notSyncedDetail([informer('pods')])).toBeNull();
    const refused = { synced: false, lastError: 'connection refused.' };
    expect(
      notSyncedDetail([
        informer('pods', refused),
        informer('jobs', refused),
        informer('cronjobs', { synced: false }),
      ]),
    ).toBe('pods, jobs (connection refused); cronjobs');
  });

  it('changes with health and errors, not with age', () => {
    const a = freshnessOf([informer('pods')], probeOk, now);
    const later = freshnessOf([informer('pods')], probeOk, now + 5_000);
    const broken = freshnessOf([informer('pods', { healthy: false, lastError: 'x' })], probeOk, now);
    expect(statusKey(later)).toBe(statusKey(a));
    expect(statusKey(broken)).not.toBe(statusKey(a));
  });
});
