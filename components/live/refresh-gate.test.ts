import { describe, expect, it } from 'vitest';
import { createRefreshGate } from './refresh-gate';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('createRefreshGate', () => {
  it('runs once now, and once more after it for any number of requests meanwhile', async () => {
    const refresh = createRefreshGate();
    const runs: ReturnType<typeof deferred>[] = [];
    const run = () => {
      const d = deferred();
      runs.push(d);
      return d.promise;
    };
    refresh('overview', run);
    await settle();
    expect(runs).toHaveLength(1);
    for (let i = 0; i < 5; i++) refresh('overview', run);
    await settle();
    expect(runs).toHaveLength(1);
    runs[0]!.resolve();
    await settle();
    expect(runs).toHaveLength(2);
    runs[1]!.resolve();
    await settle();
    expect(runs).toHaveLength(2);
  });

  it('keeps groups apart and survives a failed run', async () => {
    const refresh = createRefreshGate();
    const calls: string[] = [];
    refresh('a', async () => {
      calls.push('a');
      throw new Error('network');
    });
    refresh('b', async () => void calls.push('b'));
    await settle();
    refresh('a', async () => void calls.push('a again'));
    await settle();
    expect(calls).toEqual(['a', 'b', 'a again']);
  });
});
