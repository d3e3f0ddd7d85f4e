import { ApiException } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { describeError, statusMessage, toMeshwatchError } from './errors';
import { backoffMs } from './informer';

function apiError(code: number, message?: string): ApiException<string> {
  const body = JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', message, code });
  return new ApiException(
    code,
    `HTTP-Code: ${code}\nMessage: ...\nHeaders: {"authorization":"secret"}`,
    body,
    {},
  );
}

describe('toMeshwatchError', () => {
  it('passes the API server reason for 403 and 409, never the raw body', () => {
    const forbidden = toMeshwatchError(
      apiError(403, 'namespaces "shop" is forbidden: User "x" cannot patch resource "namespaces"'),
    );
    expect(forbidden).toMatchObject({ code: 'forbidden', status: 403 });
    expect(forbidden.message).toContain('cannot patch resource "namespaces"');
    expect(forbidden.message).not.toContain('{');
    expect(toMeshwatchError(apiError(409, 'the object has been modified'))).toMatchObject({
      code: 'conflict',
      status: 409,
    });
  });

  it('names the target for 404', () => {
    expect(
      toMeshwatchError(apiError(404, 'deployments.apps "web" not found'), { target: 'Deployment "web"' })
        .message,
    ).toBe('Deployment "web" not found.');
  });

  it('maps 5xx and network failures to unavailable', () => {
    expect(toMeshwatchError(apiError(500, 'etcd: internal detail'))).toMatchObject({
      code: 'unavailable',
      status: 503,
    });
    expect(toMeshwatchError(apiError(500, 'etcd: internal detail')).message).not.toContain('etcd');
    const refused = Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
    expect(toMeshwatchError(refused)).toMatchObject({ code: 'unavailable', status: 503 });
    expect(toMeshwatchError(new DOMException('late', 'TimeoutError'))).toMatchObject({ code: 'unavailable' });
  });

  it('reads V1Status bodies given as string or object', () => {
    expect(statusMessage('{"message":"m"}')).toBe('m');
    expect(statusMessage({ message: 'm' })).toBe('m');
    expect(statusMessage('<html>')).toBeUndefined();
  });

  it('describes watch failures in one line', () => {
    expect(describeError(Object.assign(new Error('Forbidden'), { statusCode: 403 }))).toMatch(/^forbidden/);
    expect(
      describeError(Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } })),
    ).toContain('ECONNREFUSED');
  });
});

describe('backoffMs', () => {
  it('grows exponentially with jitter and a cap', () => {
    expect(backoffMs(1, () => 0.5)).toBe(500);
    expect(backoffMs(3, () => 0.5)).toBe(2000);
    expect(backoffMs(50, () => 1)).toBe(12_000);
    expect(backoffMs(50, () => 0)).toBe(8_000);
  });
});
