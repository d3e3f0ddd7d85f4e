import { mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { caught } from '@/lib/test/caught';
import { fixtureDump } from '@/lib/test/dump-fixtures';
import { snapshotSourceFromEnv } from './snapshot-source';

const dir = mkdtempSync(path.join(tmpdir(), 'meshwatch-snapshot-'));

describe('MESHWATCH_SNAPSHOT', () => {
  it('is off unless set', () => {
    expect(snapshotSourceFromEnv({})).toBeNull();
  });

  it('serves a dump as a synced, never-stale source stamped with the file time', () => {
    const file = path.join(dir, 'dump.json');
    writeFileSync(file, JSON.stringify(fixtureDump()));
    utimesSync(file, new Date('2026-01-02T03:04:05Z'), new Date('2026-01-02T03:04:05Z'));
    const source = snapshotSourceFromEnv({ MESHWATCH_SNAPSHOT: file })!;
    expect(source.context.snapshot).toEqual({ file: 'dump.json', takenAt: '2026-01-02T03:04:05.000Z' });
    expect(source.clients).toBeNull();
    expect(() => source.requireSynced()).not.toThrow();
    expect(source.freshness()).toMatchObject({ synced: true, stale: false });
    expect(source.snapshot().pods).toHaveLength(4);
    expect(source.hasNamespace('shop')).toBe(true);
  });

  it('answers unavailable with the dump’s problem, on every request', () => {
    const file = path.join(dir, 'partial.json');
    writeFileSync(file, JSON.stringify({ kind: 'List', items: [] }));
    const source = snapshotSourceFromEnv({ MESHWATCH_SNAPSHOT: file })!;
    const err = caught(() => source.requireSynced());
    expect(err.code).toBe('unavailable');
    expect(err.message).toMatch(/partial\.json is incomplete: no namespaces; no pods/);
    expect(source.freshness()).toMatchObject({ synced: false, stale: true });
    const missing = snapshotSourceFromEnv({ MESHWATCH_SNAPSHOT: path.join(dir, 'nope.json') })!;
    expect(caught(() => missing.requireSynced())).toMatchObject({ message: expect.stringMatching(/ENOENT/) });
  });
});
