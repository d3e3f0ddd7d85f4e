// Whose Kubernetes identity a request acts with (MESHWATCH_AUTH), and where the person's credential is
// read from in `user` mode: an `Authorization: Bearer` header, believed only from a trusted proxy, or
// the sign-in session's cookie. Pure Web APIs: the routes, proxy.ts and lib/k8s share one reading.
import { clientIdentity, isTrustedPeer } from './client-identity';
import { MeshwatchError } from './errors';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * - `kubeconfig`: the process's own credentials are the person's (a laptop; the default).
 * - `serviceaccount`: one shared identity for everyone who can reach the console (in a cluster, chosen
 *   explicitly).
 * - `user`: every request carries the person's own credential; their RBAC decides.
 */
export const AUTH_MODES = ['kubeconfig', 'serviceaccount', 'user'] as const;
export type AuthMode = (typeof AUTH_MODES)[number];

export function authMode(env: Env = process.env): AuthMode {
  const raw = (env.MESHWATCH_AUTH ?? '').trim().toLowerCase();
  if (!raw) return 'kubeconfig';
  if ((AUTH_MODES as readonly string[]).includes(raw)) return raw as AuthMode;
  throw new MeshwatchError(
    'internal',
    `MESHWATCH_AUTH must be one of ${AUTH_MODES.join(', ')}; it is "${raw.slice(0, 40)}".`,
    500,
  );
}

export const SESSION_COOKIE = 'meshwatch-session';

export type Credential =
  { kind: 'bearer'; token: string } | { kind: 'session'; sealed: string } | { kind: 'none'; note?: string };

/** A bearer token as the API server takes it: printable, no spaces, bounded. */
function cleanToken(raw: string): string | undefined {
  const token = raw.trim();
  return token.length > 0 && token.length <= 16_384 && /^[\x21-\x7e]+$/.test(token) ? token : undefined;
}

export function bearerToken(header: string | null): string | undefined {
  const match = /^Bearer\s+(.+)$/i.exec((header ?? '').trim());
  return match?.[1] ? cleanToken(match[1]) : undefined;
}

/** One cookie's value from a Cookie header. */
export function cookieValue(header: string | null, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim() || undefined;
  }
  return undefined;
}

/**
 * The person's credential. A bearer header counts only when the socket peer is a trusted proxy: anyone
 * else who can reach the port must sign in, so what reaches meshwatch beside the sign-in page is what
 * the operator's proxy vouched for.
 */
export function requestCredential(request: Request, env: Env = process.env): Credential {
  const header = request.headers.get('authorization');
  const fromProxy = header !== null && isTrustedPeer(request, env);
  const token = fromProxy ? bearerToken(header) : undefined;
  if (token) return { kind: 'bearer', token };
  const sealed = cookieValue(request.headers.get('cookie'), SESSION_COOKIE);
  if (sealed) return { kind: 'session', sealed };
  if (header !== null && !fromProxy) {
    const { peer } = clientIdentity(request, env);
    return {
      kind: 'none',
      note: `The Authorization header from ${peer} was ignored: only a proxy in MESHWATCH_TRUSTED_PROXIES may send one.`,
    };
  }
  return { kind: 'none' };
}

/** Secure cookies: MESHWATCH_SECURE_COOKIES=true/false, else when the browser reached us over https. */
export function isSecureRequest(request: Request, env: Env = process.env): boolean {
  const setting = (env.MESHWATCH_SECURE_COOKIES ?? 'auto').trim().toLowerCase();
  if (setting === 'true') return true;
  if (setting === 'false') return false;
  if (new URL(request.url).protocol === 'https:') return true;
  return (
    isTrustedPeer(request, env) &&
    (request.headers.get('x-forwarded-proto') ?? '').split(',')[0]?.trim() === 'https'
  );
}

/** The session cookie: HttpOnly (no script reads it), SameSite=Strict (no other site sends it). */
export function sessionCookie(value: string, opts: { secure: boolean; maxAgeSeconds: number }): string {
  return [
    `${SESSION_COOKIE}=${value}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Strict',
    `Max-Age=${Math.max(0, Math.floor(opts.maxAgeSeconds))}`,
    ...(opts.secure ? ['Secure'] : []),
  ].join('; ');
}

export function clearedSessionCookie(secure: boolean): string {
  return sessionCookie('', { secure, maxAgeSeconds: 0 });
}

export function unauthenticated(why?: string): MeshwatchError {
  return new MeshwatchError(
    'unauthenticated',
    why ?? 'Sign in: this meshwatch acts with your own Kubernetes identity (MESHWATCH_AUTH=user).',
  );
}

/**
 * The API server's RBAC refusal ("… is forbidden: User "X" cannot patch resource "deployments" in API
 * group "apps" in the namespace "shop"") led by the person and the missing permission, in the words an
 * operator asks for ("X may not patch deployments.apps in shop"). Other messages pass unchanged.
 */
export function personalForbidden(message: string): string {
  const m =
    /User "([^"]+)" cannot (\S+) resource "([^"]+)"(?: in API group "([^"]*)")?(?: in the namespace "([^"]+)"| at the cluster scope)?/.exec(
      message,
    );
  if (!m) return message;
  const [, user, verb, resource, group, namespace] = m;
  const what = group ? `${resource}.${group}` : resource;
  return `${user} may not ${verb} ${what}${namespace ? ` in ${namespace}` : ' cluster-wide'}. The API server said: ${message}`;
}
