import { describe, expect, it } from 'vitest';
import { clientIdentity, normalizeAddress, PEER_HEADER } from './client-identity';

function request(headers: Record<string, string>): Request {
  return new Request('http://127.0.0.1/api/v1/x', { method: 'POST', headers });
}

describe('clientIdentity', () => {
  it('records the socket peer and ignores X-Forwarded-For without trusted proxies', () => {
    const r = request({ [PEER_HEADER]: '::ffff:127.0.0.1', 'x-forwarded-for': '10.6.6.6, <b>x</b>' });
    expect(clientIdentity(r, {})).toEqual({ client: '127.0.0.1', peer: '127.0.0.1' });
  });
  it('is "unknown" without a peer header (never the forwarded one)', () => {
    expect(clientIdentity(request({ 'x-forwarded-for': '10.6.6.6' }), {}).client).toBe('unknown');
  });
  it('walks X-Forwarded-For from the right through trusted proxies only', () => {
    const env = { MESHWATCH_TRUSTED_PROXIES: '10.0.0.0/8, 192.168.1.5' };
    const r = request({ [PEER_HEADER]: '192.168.1.5', 'x-forwarded-for': '6.6.6.6, 203.0.113.7, 10.1.2.3' });
    expect(clientIdentity(r, env)).toEqual({ client: '203.0.113.7', peer: '192.168.1.5' });
  });
  it('stops at a garbled hop', () => {
    const env = { MESHWATCH_TRUSTED_PROXIES: '127.0.0.1' };
    const r = request({ [PEER_HEADER]: '127.0.0.1', 'x-forwarded-for': '1.2.3.4, <script>' });
    expect(clientIdentity(r, env).client).toBe('127.0.0.1');
  });
  it('records the authenticating proxy user header only from a trusted proxy', () => {
    const env = {
      MESHWATCH_TRUSTED_PROXIES: '127.0.0.1',
      MESHWATCH_AUTH_PROXY_USER_HEADER: 'X-Forwarded-User',
    };
    const via = request({ [PEER_HEADER]: '127.0.0.1', 'x-forwarded-user': 'alice@example.com' });
    expect(clientIdentity(via, env).user).toBe('alice@example.com');
    const direct = request({ [PEER_HEADER]: '10.9.9.9', 'x-forwarded-user': 'mallory' });
    expect(clientIdentity(direct, env).user).toBeUndefined();
  });
  it('accepts IPv6 ranges', () => {
    const env = { MESHWATCH_TRUSTED_PROXIES: 'fd00::/8' };
    const r = request({ [PEER_HEADER]: 'fd00::1', 'x-forwarded-for': '2001:db8::5' });
    expect(clientIdentity(r, env).client).toBe('2001:db8::5');
  });
});

describe('normalizeAddress', () => {
  it('unwraps IPv4-mapped and bracketed addresses and rejects the rest', () => {
    expect(normalizeAddress('::ffff:10.0.0.1')).toBe('10.0.0.1');
    expect(normalizeAddress('[::1]')).toBe('::1');
    expect(normalizeAddress('evil')).toBeUndefined();
  });
});
