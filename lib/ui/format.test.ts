import { describe, expect, it } from 'vitest';
import { formatAbsolute, formatAgo, splitTimes } from './format';

describe('splitTimes', () => {
  it('finds every RFC 3339 time in an engine sentence', () => {
    expect(
      splitTimes(
        "Namespace shop's linkerd.io/inject annotation changed at 2026-12-03T09:00:00Z, after pod web-1 was created at 2026-12-03T08:00:00.123Z: the webhook",
      ),
    ).toEqual([
      { text: "Namespace shop's linkerd.io/inject annotation changed " },
      { time: '2026-12-03T09:00:00Z' },
      { text: ', after pod web-1 was created ' },
      { time: '2026-12-03T08:00:00.123Z' },
      { text: ': the webhook' },
    ]);
  });

  it('keeps offsets and leaves a sentence without times whole', () => {
    expect(splitTimes('since 2026-12-03T09:00:00+01:00')).toEqual([
      { text: 'since ' },
      { time: '2026-12-03T09:00:00+01:00' },
    ]);
    expect(splitTimes('no time here 2026-12-03')).toEqual([{ text: 'no time here 2026-12-03' }]);
    expect(splitTimes('')).toEqual([]);
  });
});

describe('relative and absolute times', () => {
  const now = Date.parse('2026-12-03T09:12:00Z');
  it('says how long ago, and gives the absolute time in UTC for the hover', () => {
    expect(formatAgo('2026-12-03T09:00:00Z', now)).toBe('12m ago');
    expect(formatAgo('not a time', now)).toBe('—');
    expect(formatAbsolute('2026-12-03T09:00:00.500Z')).toBe('2026-12-03 09:00:00 UTC');
  });
});
