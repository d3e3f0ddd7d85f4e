import { describe, expect, it } from 'vitest';
import { isOlderVersion, UidStore } from './uid-store';

const key = (uid: string, namespace: string, resourceVersion: string) => ({
  uid,
  namespace,
  resourceVersion,
});

describe('isOlderVersion', () => {
  it('compares decimal resourceVersions as numbers', () => {
    expect(isOlderVersion('9', '10')).toBe(true);
    expect(isOlderVersion('10', '9')).toBe(false);
    expect(isOlderVersion('10', '10')).toBe(false);
  });
  it('never calls an opaque version older', () => {
    expect(isOlderVersion('abc', '10')).toBe(false);
    expect(isOlderVersion('9', '')).toBe(false);
  });
});

describe('UidStore', () => {
  it('keys by uid and indexes by namespace', () => {
    const s = new UidStore<string>();
    expect(s.apply('ADDED', key('u1', 'a', '1'), 'one')).toEqual(['a']);
    expect(s.apply('ADDED', key('u2', 'b', '2'), 'two')).toEqual(['b']);
    expect([...s.inNamespace('a')]).toEqual(['one']);
    expect([...s.inNamespace('missing')]).toEqual([]);
    expect(s.size).toBe(2);
  });

  it('ignores an event older than the record it holds, and a repeat of the same version', () => {
    const s = new UidStore<string>();
    s.apply('ADDED', key('u1', 'a', '5'), 'v5');
    expect(s.apply('MODIFIED', key('u1', 'a', '4'), 'v4')).toEqual([]);
    expect(s.apply('MODIFIED', key('u1', 'a', '5'), 'again')).toEqual([]);
    expect([...s.values()]).toEqual(['v5']);
    expect(s.apply('DELETED', key('u1', 'a', '3'), null)).toEqual([]);
    expect(s.size).toBe(1);
    expect(s.apply('MODIFIED', key('u1', 'a', '6'), 'v6')).toEqual(['a']);
    expect([...s.values()]).toEqual(['v6']);
  });

  it('deletes by uid, so a same-named successor is a different record', () => {
    const s = new UidStore<string>();
    s.apply('ADDED', key('old', 'a', '1'), 'web-0 (old)');
    s.apply('ADDED', key('new', 'a', '3'), 'web-0 (new)');
    expect(s.apply('DELETED', key('old', 'a', '4'), null)).toEqual(['a']);
    expect([...s.inNamespace('a')]).toEqual(['web-0 (new)']);
    expect([...s.namespaces()]).toEqual(['a']);
    s.apply('DELETED', key('new', 'a', '5'), null);
    expect([...s.namespaces()]).toEqual([]);
  });

  it('drops a record that stops being interesting', () => {
    const s = new UidStore<string>();
    s.apply('ADDED', key('u1', 'a', '1'), 'x');
    expect(s.apply('MODIFIED', key('u1', 'a', '2'), null)).toEqual(['a']);
    expect(s.size).toBe(0);
    expect(s.apply('MODIFIED', key('u1', 'a', '3'), null)).toEqual([]);
  });

  it('reports only the namespaces a relist changed', () => {
    const s = new UidStore<string>();
    s.apply('ADDED', key('u1', 'a', '1'), 'a1');
    s.apply('ADDED', key('u2', 'b', '1'), 'b1');
    s.apply('ADDED', key('u3', 'c', '1'), 'c1');
    const changed = s.replace([
      { key: key('u1', 'a', '1'), record: 'a1' },
      { key: key('u2', 'b', '7'), record: 'b7' },
      { key: key('u4', 'd', '8'), record: 'd8' },
    ]);
    expect([...changed].sort()).toEqual(['b', 'c', 'd']);
    expect([...s.inNamespace('c')]).toEqual([]);
    expect([...s.values()].sort()).toEqual(['a1', 'b7', 'd8']);
  });
});
