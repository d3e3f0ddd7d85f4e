import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MeshwatchError } from './errors';
import { recordRefusal, REFUSAL_WINDOW_MS, REFUSALS_PER_WINDOW, resetRefusalLimiter } from './refusals';

const post = () =>
  new Request('http://127.0.0.1/api/v1/namespaces/x/injection', {
    method: 'POST',
    headers: { 'x-meshwatch-peer': '127.0.0.1', 'x-forwarded-for': '10.6.6.6' },
  });
const csrf = new MeshwatchError('csrf', 'Cross-site request refused.');

beforeEach(() => resetRefusalLimiter());

describe('recordRefusal', () => {
  it('writes an audit line with the code, the path and the socket peer', () => {
    const lines: Record<string, unknown>[] = [];
    recordRefusal(post(), csrf, (l) => lines.push(l), 1_000);
    expect(lines).toEqual([
      expect.objectContaining({
        msg: 'meshwatch action',
        result: 'refused',
        code: 'csrf',
        method: 'POST',
        path: '/api/v1/namespaces/x/injection',
        client: '127.0.0.1',
        peer: '127.0.0.1',
      }),
    ]);
  });
  it('ignores reads and server errors', () => {
    const lines: unknown[] = [];
    recordRefusal(new Request('http://127.0.0.1/'), csrf, (l) => lines.push(l));
    recordRefusal(post(), new MeshwatchError('unavailable', 'down'), (l) => lines.push(l));
    recordRefusal(post(), new Error('boom'), (l) => lines.push(l));
    expect(lines).toEqual([]);
  });
  it('logs at most the limit per window, then says how many it dropped', () => {
    const lines: Record<string, unknown>[] = [];
    for (let i = 0; i < REFUSALS_PER_WINDOW + 30; i++)
      recordRefusal(post(), csrf, (l) => lines.push(l), 1_000 + i);
    expect(lines).toHaveLength(REFUSALS_PER_WINDOW);
    recordRefusal(post(), csrf, (l) => lines.push(l), 1_000 + REFUSAL_WINDOW_MS);
    expect(lines.at(-2)).toEqual(
      expect.objectContaining({ msg: 'meshwatch refusals suppressed', count: 30 }),
    );
    expect(lines.at(-1)).toEqual(expect.objectContaining({ result: 'refused' }));
  });

  it('counts a flood that simply stops when its window closes, once (fake clock)', () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const lines: Record<string, unknown>[] = [];
    const log = (l: Record<string, unknown>) => lines.push(l);
    for (let i = 0; i < REFUSALS_PER_WINDOW + 7; i++) recordRefusal(post(), csrf, log);
    expect(lines).toHaveLength(REFUSALS_PER_WINDOW);
    vi.advanceTimersByTime(REFUSAL_WINDOW_MS - 1);
    expect(lines).toHaveLength(REFUSALS_PER_WINDOW);
    vi.advanceTimersByTime(1);
    expect(lines.at(-1)).toEqual(
      expect.objectContaining({
        msg: 'meshwatch refusals suppressed',
        count: 7,
        since: new Date(1_000_000).toISOString(),
      }),
    );
    // The next refusal opens a new window without counting the old one again.
    vi.advanceTimersByTime(10_000);
    recordRefusal(post(), csrf, log);
    expect(lines.filter((l) => l.msg === 'meshwatch refusals suppressed')).toHaveLength(1);
    expect(lines.at(-1)).toEqual(expect.objectContaining({ result: 'refused' }));
  });
});

afterEach(() => {
  vi.useRealTimers();
});
