import { describe, expect, it } from 'vitest';
import {
  authMode,
  bearerToken,
  clearedSessionCookie,
  cookieValue,
  isSecureRequest,
  personalForbidden,
  requestCredential,
  SESSION_COOKIE,
  sessionCookie,
} from './auth';
import { PEER_HEADER } from './client-identity';
import { isMeshwatchError } from './errors';

function request(headers: Record<string, string>, url = 'http://127.0.0.1:3000/api/v1/overview'): Request {
  return new Request(url, { headers });
}

describe('authMode (MESHWATCH_AUTH)', () => {
  it('defaults to the kubeconfig and reads the three modes, any case', () => {
    expect(authMode({})).toBe('kubeconfig');
    expect(authMode({ MESHWATCH_AUTH: ' User ' })).toBe('user');
    expect(authMode({ MESHWATCH_AUTH: 'serviceaccount' })).toBe('serviceaccount');
  });
  it('refuses anything else, naming the choices', () => {
    try {
      authMode({ MESHWATCH_AUTH: 'oidc' });
      expect.unreachable();
    } catch (err) {
      expect(isMeshwatchError(err) && err.message).toMatch(/kubeconfig, serviceaccount, user.*"oidc"/);
    }
  });
});

describe('requestCredential', () => {
  const env = { MESHWATCH_TRUSTED_PROXIES: '10.0.0.7, 192.168.0.0/24' };

  it('believes a bearer header from a trusted proxy only', () => {
    const fromProxy = request({ authorization: 'Bearer abc.def', [PEER_HEADER]: '::ffff:10.0.0.7' });
    expect(requestCredential(fromProxy, env)).toEqual({ kind: 'bearer', token: 'abc.def' });
    const fromRange = request({ authorization: 'bearer abc', [PEER_HEADER]: '192.168.0.9' });
    expect(requestCredential(fromRange, env)).toEqual({ kind: 'bearer', token: 'abc' });
  });

  it('ignores a bearer header from anyone else, and says so', () => {
    const forged = request({ authorization: 'Bearer abc', [PEER_HEADER]: '127.0.0.1' });
    const credential = requestCredential(forged, env);
    expect(credential.kind).toBe('none');
    expect(credential.kind === 'none' && credential.note).toMatch(/from 127\.0\.0\.1 was ignored/);
    expect(JSON.stringify(credential)).not.toContain('abc');
  });

  it('falls back to the session cookie, and to nothing', () => {
    const cookie = `${SESSION_COOKIE}=sealed-value; other=1`;
    expect(requestCredential(request({ cookie, [PEER_HEADER]: '127.0.0.1' }), env)).toEqual({
      kind: 'session',
      sealed: 'sealed-value',
    });
    const both = request({ cookie, authorization: 'Bearer abc', [PEER_HEADER]: '127.0.0.1' });
    expect(requestCredential(both, env).kind).toBe('session');
    expect(requestCredential(request({ [PEER_HEADER]: '10.0.0.7' }), env)).toEqual({ kind: 'none' });
  });

  it('takes only a well-formed token', () => {
    expect(bearerToken('Bearer a b')).toBeUndefined();
    expect(bearerToken('Basic abc')).toBeUndefined();
    expect(bearerToken('Bearer ' + 'x'.repeat(16_385))).toBeUndefined();
    expect(bearerToken('Bearer   tok  ')).toBe('tok');
  });

  it('reads one cookie by exact name', () => {
    expect(cookieValue(`x${SESSION_COOKIE}=no; ${SESSION_COOKIE}=yes`, SESSION_COOKIE)).toBe('yes');
    expect(cookieValue(null, SESSION_COOKIE)).toBeUndefined();
  });
});

describe('the session cookie', () => {
  it('is HttpOnly and SameSite=Strict, Secure when asked', () => {
    expect(sessionCookie('v', { secure: false, maxAgeSeconds: 60 })).toBe(
      `${SESSION_COOKIE}=v; Path=/; HttpOnly; SameSite=Strict; Max-Age=60`,
    );
    expect(sessionCookie('v', { secure: true, maxAgeSeconds: 60 })).toMatch(/; Secure$/);
    expect(clearedSessionCookie(false)).toMatch(new RegExp(`^${SESSION_COOKIE}=; .*Max-Age=0`));
  });

  it('is Secure behind TLS: https, or X-Forwarded-Proto from a trusted proxy only', () => {
    const env = { MESHWATCH_TRUSTED_PROXIES: '10.0.0.7' };
    expect(isSecureRequest(request({}, 'https://meshwatch.example/x'), env)).toBe(true);
    const proxied = { 'x-forwarded-proto': 'https', [PEER_HEADER]: '10.0.0.7' };
    expect(isSecureRequest(request(proxied), env)).toBe(true);
    expect(isSecureRequest(request({ ...proxied, [PEER_HEADER]: '10.0.0.8' }), env)).toBe(false);
    expect(isSecureRequest(request({}), { MESHWATCH_SECURE_COOKIES: 'true' })).toBe(true);
    expect(isSecureRequest(request({}, 'https://x/'), { MESHWATCH_SECURE_COOKIES: 'false' })).toBe(false);
  });
});

describe('personalForbidden', () => {
  it("leads the API server's RBAC refusal with the person and the permission", () => {
    const apiServer =
      'deployments.apps "web" is forbidden: User "system:serviceaccount:people:bob" cannot patch resource "deployments" in API group "apps" in the namespace "payments"';
    expect(personalForbidden(apiServer)).toBe(
      `system:serviceaccount:people:bob may not patch deployments.apps in payments. The API server said: ${apiServer}`,
    );
    const cluster =
      'namespaces is forbidden: User "alice" cannot list resource "namespaces" in API group "" at the cluster scope';
    expect(personalForbidden(cluster)).toMatch(/^alice may not list namespaces cluster-wide\. /);
    expect(personalForbidden('Forbidden by the API server (RBAC).')).toBe(
      'Forbidden by the API server (RBAC).',
    );
  });
});
