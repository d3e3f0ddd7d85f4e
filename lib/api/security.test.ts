import { describe, expect, it } from 'vitest';
import { caught } from '@/lib/test/caught';
import {
  allowedHostRules,
  checkCsrf,
  checkHost,
  checkSameOrigin,
  checkWritable,
  clientAddress,
  CSRF_HEADER,
  csrfToken,
  isHostAllowed,
  isReadOnly,
  splitHost,
} from './security';

function request(headers: Record<string, string>): Request {
  return new Request('http://127.0.0.1:3000/api/v1/x', { method: 'POST', headers });
}

describe('Host allow-list', () => {
  const defaults = allowedHostRules({});

  it.each([
    'localhost',
    'localhost:3000',
    '127.0.0.1',
    '127.0.0.1:8084',
    '[::1]',
    '[::1]:3000',
    'LOCALHOST:1',
    'localhost.',
  ])('allows %s by default', (host) => expect(isHostAllowed(host, defaults)).toBe(true));

  it.each([
    'evil.example',
    'evil.example:3000',
    'localhost.evil.example',
    '127.0.0.2',
    '[::2]:3000',
    '',
    'localhost:abc',
    '127.0.0.1@evil',
  ])('refuses %j by default', (host) => expect(isHostAllowed(host, defaults)).toBe(false));

  it('refuses a missing Host', () => expect(isHostAllowed(null, defaults)).toBe(false));

  it('adds configured hosts, with optional port and wildcard', () => {
    const rules = allowedHostRules({
      MESHWATCH_ALLOWED_HOSTS: 'meshwatch.example.com, admin.example.com:8443 ,*.corp.example',
    });
    expect(isHostAllowed('meshwatch.example.com:9999', rules)).toBe(true);
    expect(isHostAllowed('admin.example.com:8443', rules)).toBe(true);
    expect(isHostAllowed('admin.example.com:8080', rules)).toBe(false);
    expect(isHostAllowed('a.corp.example', rules)).toBe(true);
    expect(isHostAllowed('corp.example', rules)).toBe(false);
    expect(isHostAllowed('localhost:3000', rules)).toBe(true);
  });

  it('splits IPv6 hosts', () => {
    expect(splitHost('[::1]:3000')).toEqual({ hostname: '[::1]', port: '3000' });
    expect(splitHost('::1')).toBeNull();
  });

  it('throws host_not_allowed (403)', () => {
    const err = caught(() => checkHost(request({ host: 'evil.example' }), {}));
    expect(err.code).toBe('host_not_allowed');
    expect(err.status).toBe(403);
    expect(() => checkHost(request({ host: '127.0.0.1:3000' }), {})).not.toThrow();
  });
});

describe('same-origin', () => {
  it('accepts a matching Origin, a same-origin fetch, or both', () => {
    expect(() =>
      checkSameOrigin(request({ host: '127.0.0.1:3000', origin: 'http://127.0.0.1:3000' })),
    ).not.toThrow();
    expect(() =>
      checkSameOrigin(request({ host: '127.0.0.1:3000', 'sec-fetch-site': 'same-origin' })),
    ).not.toThrow();
    expect(() =>
      checkSameOrigin(
        request({ host: 'localhost:3000', origin: 'http://localhost:3000', 'sec-fetch-site': 'same-origin' }),
      ),
    ).not.toThrow();
  });

  it.each([
    [{ host: '127.0.0.1:3000' }],
    [{ host: '127.0.0.1:3000', origin: 'http://evil.example' }],
    [{ host: '127.0.0.1:3000', origin: 'http://127.0.0.1:3001' }],
    [{ host: '127.0.0.1:3000', origin: 'null' }],
    [{ host: '127.0.0.1:3000', 'sec-fetch-site': 'cross-site' }],
    [{ host: '127.0.0.1:3000', origin: 'http://127.0.0.1:3000', 'sec-fetch-site': 'same-site' }],
  ])('refuses %j with csrf (403)', (headers) => {
    const err = caught(() => checkSameOrigin(request(headers)));
    expect(err.code).toBe('csrf');
    expect(err.status).toBe(403);
  });
});

describe('CSRF token', () => {
  it('is stable per process and checked in constant time', () => {
    const token = csrfToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(csrfToken()).toBe(token);
    expect(() => checkCsrf(request({ [CSRF_HEADER]: token }))).not.toThrow();
    expect(caught(() => checkCsrf(request({ [CSRF_HEADER]: `${token}x` }))).code).toBe('csrf');
    expect(caught(() => checkCsrf(request({}))).code).toBe('csrf');
  });
});

describe('read-only', () => {
  it('reads MESHWATCH_READ_ONLY', () => {
    expect(isReadOnly({})).toBe(false);
    expect(isReadOnly({ MESHWATCH_READ_ONLY: 'true' })).toBe(true);
    expect(isReadOnly({ MESHWATCH_READ_ONLY: 'TRUE' })).toBe(true);
    expect(isReadOnly({ MESHWATCH_READ_ONLY: 'false' })).toBe(false);
    const err = caught(() => checkWritable({ MESHWATCH_READ_ONLY: 'true' }));
    expect(err.code).toBe('read_only');
    expect(err.status).toBe(403);
  });
});

describe('clientAddress', () => {
  it('never takes a forwarded hop from an untrusted peer', () => {
    const forged = request({ 'x-meshwatch-peer': '127.0.0.1', 'x-forwarded-for': '10.6.6.6' });
    expect(clientAddress(forged, {}).client).toBe('127.0.0.1');
    expect(clientAddress(request({}), {}).client).toBe('unknown');
  });
});
