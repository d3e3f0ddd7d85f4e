import { describe, expect, it, vi } from 'vitest';
import { errorResponse, isMeshwatchError, MeshwatchError } from './errors';

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
