import { describe, expect, it } from 'vitest';
import { caughtAsync } from '@/lib/test/caught';
import { MAX_BODY_BYTES, readJsonObject } from './request-body';

function post(
  body: BodyInit | null,
  headers: Record<string, string> = { 'content-type': 'application/json' },
): Request {
  return new Request('http://127.0.0.1/x', { method: 'POST', body, headers });
}

describe('readJsonObject', () => {
  it('reads an object', async () => {
    expect(await readJsonObject(post('{"value":"enabled"}'))).toEqual({ value: 'enabled' });
  });

  it('reads an empty body as {}', async () => {
    expect(await readJsonObject(post(null, {}))).toEqual({});
    expect(await readJsonObject(post('  ', {}))).toEqual({});
  });

  it.each(['{', 'nope', '"text"', '[1]', 'null', '42'])('rejects %j', async (body) => {
    const err = await caughtAsync(readJsonObject(post(body)));
    expect(err.code).toBe('bad_request');
    expect(err.status).toBe(400);
  });

  it('requires a JSON content type for a non-empty body', async () => {
    const err = await caughtAsync(readJsonObject(post('{}', { 'content-type': 'text/plain' })));
    expect(err.code).toBe('bad_request');
    expect(err.message).toMatch(/application\/json/);
  });

  it('accepts a charset parameter', async () => {
    expect(await readJsonObject(post('{}', { 'content-type': 'application/json; charset=utf-8' }))).toEqual(
      {},
    );
  });

  it('refuses an oversized body, declared or streamed', async () => {
    const big = JSON.stringify({ value: 'x'.repeat(MAX_BODY_BYTES) });
    expect((await caughtAsync(readJsonObject(post(big)))).code).toBe('payload_too_large');
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 10; i++) controller.enqueue(new TextEncoder().encode('x'.repeat(1000)));
        controller.close();
      },
    });
    const chunked = new Request('http://127.0.0.1/x', {
      method: 'POST',
      body: stream,
      headers: { 'content-type': 'application/json' },
      duplex: 'half',
    } as RequestInit);
    const err = await caughtAsync(readJsonObject(chunked));
    expect(err.code).toBe('payload_too_large');
    expect(err.status).toBe(400);
  });
});
