// The SSE stream's memory bound: a client that reads nothing is cut off once STREAM_QUEUE_BYTES are
// queued, and its subscription released; a client that reads stays connected however much goes
// through. The source is the dump source (a real ClusterSource) with its subscribe hooked, so the test
// can publish change batches as fast as a churning cluster would, deterministically.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtureDump } from '@/lib/test/dump-fixtures';
import { snapshotSourceFromEnv } from './snapshot-source';
import type { CacheSubscriber, ClusterSource } from './source';
import { changeStream, STREAM_QUEUE_BYTES } from './stream';

const file = path.join(mkdtempSync(path.join(tmpdir(), 'meshwatch-stream-')), 'dump.json');
writeFileSync(file, JSON.stringify(fixtureDump()));
const dump = snapshotSourceFromEnv({ MESHWATCH_SNAPSHOT: file })!;

/** The dump source, with the subscribers the stream registers kept so the test can publish to them. */
function publishingSource(): { source: ClusterSource; subscribers: Set<CacheSubscriber> } {
  const subscribers = new Set<CacheSubscriber>();
  const source: ClusterSource = Object.assign(Object.create(dump) as ClusterSource, {
    subscribe(subscriber: CacheSubscriber) {
      subscribers.add(subscriber);
      return () => subscribers.delete(subscriber);
    },
  });
  return { source, subscribers };
}

const batch = (i: number) => ({
  namespaces: [`shop-${i}`, `payments-${i}`],
  at: new Date().toISOString(),
});

async function drain(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<number> {
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return bytes;
    bytes += value.byteLength;
  }
}

describe('changeStream backpressure', () => {
  it('ends a connection that reads nothing once its queue is full, holding at most the bound', async () => {
    const { source, subscribers } = publishingSource();
    const stream = changeStream(source, new AbortController().signal);
    expect(subscribers.size).toBe(1);
    // 10,000 change batches (~1 MiB of frames) to a client that reads none of them.
    for (let i = 0; i < 10_000; i++) for (const s of subscribers) s.change?.(batch(i));
    expect(subscribers.size).toBe(0); // released as soon as the queue was full
    const queued = await drain(stream.getReader()); // ends by itself: the server closed it
    expect(queued).toBeGreaterThanOrEqual(STREAM_QUEUE_BYTES);
    expect(queued).toBeLessThan(STREAM_QUEUE_BYTES + 1_024); // the bound, plus the frame that crossed it
  });

  it('keeps a connection that reads, and ends it when the client goes away', async () => {
    const { source, subscribers } = publishingSource();
    const abort = new AbortController();
    const reader = changeStream(source, abort.signal).getReader();
    let read = 0;
    for (let i = 0; i < 10_000; i++) {
      for (const s of subscribers) s.change?.(batch(i));
      const { done, value } = await reader.read();
      expect(done).toBe(false);
      read += value?.byteLength ?? 0;
    }
    expect(read).toBeGreaterThan(10 * STREAM_QUEUE_BYTES); // far past the bound, never cut off
    expect(subscribers.size).toBe(1);
    abort.abort();
    expect(subscribers.size).toBe(0);
    await drain(reader);
  });

  it('sends every connection the same frame for one event, serialised once', async () => {
    const { source, subscribers } = publishingSource();
    const aborts = [new AbortController(), new AbortController()];
    const readers = aborts.map((a) => changeStream(source, a.signal).getReader());
    const decoder = new TextDecoder();
    // The connect frames (retry, status) first.
    for (const reader of readers) for (let i = 0; i < 2; i++) await reader.read();
    const event = batch(7);
    for (const s of subscribers) s.change?.(event);
    const chunks = await Promise.all(readers.map(async (r) => (await r.read()).value!));
    expect(chunks[0]).toBe(chunks[1]); // one buffer, enqueued on both
    expect(decoder.decode(chunks[0])).toBe(`event: change\ndata: ${JSON.stringify(event)}\n\n`);
    for (const a of aborts) a.abort();
    for (const r of readers) await drain(r);
  });
});
