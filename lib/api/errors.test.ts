import { describe, expect, it, vi } from 'vitest';
import { errorResponse, isMeshwatchError, jsonResponse, MeshwatchError } from './errors';

describe('errorResponse', () => {
  it('answers a MeshwatchError with its status and the envelope', async () => {
    const res = errorResponse(new MeshwatchError('paused', 'Deployment "web" is paused'));
    expect(res.status).toBe(409);
    expect(await res.json()).toEqual({ error: { code: 'paused', message: 'Deployment "web" is paused' } });
  });

  it('hides anything else behind a bare 500', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const res = errorResponse(new Error('secret stack detail'));
    expect(res.status).toBe(500);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('internal');
    expect(body.error.message).not.toContain('secret');
    log.mockRestore();
  });

  it('recognises a MeshwatchError from another module copy by shape', () => {
    const foreign = Object.assign(new Error('x'), { name: 'MeshwatchError', code: 'not_found', status: 404 });
    expect(isMeshwatchError(foreign)).toBe(true);
    expect(
      isMeshwatchError(Object.assign(new Error('x'), { name: 'MeshwatchError', code: 'nope', status: 1 })),
    ).toBe(false);
  });
});

describe('jsonResponse', () => {
  it("is JSON, never cached, and kept from Next's gzip only when small", async () => {
    const small = jsonResponse({ context: { name: 'kind-dev' } });
    expect(small.headers.get('content-type')).toBe('application/json');
    expect(small.headers.get('cache-control')).toBe('no-store, no-transform');
    expect(await small.json()).toEqual({ context: { name: 'kind-dev' } });
    const big = jsonResponse({ rows: Array.from({ length: 200 }, (_, i) => `row-${i}`) }, 201);
    expect(big.status).toBe(201);
    expect(big.headers.get('cache-control')).toBe('no-store');
    expect(errorResponse(new MeshwatchError('not_found', 'gone')).headers.get('cache-control')).toBe(
      'no-store, no-transform',
    );
  });
});
