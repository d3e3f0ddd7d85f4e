// Request guards: the Host allow-list (DNS rebinding), same-origin and CSRF checks for mutations, and the
// read-only switch. Pure Web APIs, so proxy.ts (a separate bundle) and the routes share one definition.
import { clientIdentity, type ClientIdentity } from './client-identity';
import { MeshwatchError } from './errors';

type Env = Readonly<Record<string, string | undefined>>;

/** Like viz's `-enforced-host` default: loopback names on any port. */
export const DEFAULT_ALLOWED_HOSTS = ['localhost', '127.0.0.1', '[::1]'] as const;

/** Kubelet probes send the pod IP as Host; these answer nothing about the cluster, so they skip the check. */
export const PROBE_PATHS = ['/api/healthz', '/api/readyz'] as const;

export const CSRF_HEADER = 'x-meshwatch-csrf';

interface HostRule {
  hostname: string;
  /** undefined: any port. */
  port?: string;
  /** `*.example.com`: any subdomain of example.com (not example.com itself). */
  wildcard: boolean;
}

/** `Host` → hostname + port, lower-cased, a trailing dot dropped; IPv6 keeps its brackets. */
export function splitHost(host: string): { hostname: string; port?: string } | null {
  const match = /^(\[[0-9a-f:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/i.exec(host.trim());
  if (!match?.[1]) return null;
  const hostname = match[1].toLowerCase().replace(/\.$/, '');
  return match[2] ? { hostname, port: match[2] } : { hostname };
}

/** `MESHWATCH_ALLOWED_HOSTS`: comma-separated `host`, `host:port` or `*.domain` entries, added to the defaults. */
export function allowedHostRules(env: Env = process.env): HostRule[] {
  const extra = (env.MESHWATCH_ALLOWED_HOSTS ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const rules: HostRule[] = [];
  for (const entry of [...DEFAULT_ALLOWED_HOSTS, ...extra]) {
    const wildcard = entry.startsWith('*.');
    const parsed = splitHost(wildcard ? entry.slice(2) : entry);
    if (parsed) rules.push({ ...parsed, wildcard });
  }
  return rules;
}

export function isHostAllowed(host: string | null, rules: HostRule[]): boolean {
  if (!host) return false;
  const parsed = splitHost(host);
  if (!parsed) return false;
  return rules.some((rule) => {
    const nameMatches = rule.wildcard
      ? parsed.hostname.endsWith(`.${rule.hostname}`)
      : parsed.hostname === rule.hostname;
    return nameMatches && (rule.port === undefined || rule.port === parsed.port);
  });
}

/** What meshwatch answers at all; TRACE would echo headers (cookies) back, the rest mean nothing here. */
export const ALLOWED_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

/**
 * Next cannot even build a Request for TRACE (it answered a plain-text 500 and logged a stack), so
 * instrumentation.ts turns any other method into OPTIONS before Next sees it and records the real one
 * here (always overwriting what a client sent).
 */
export const METHOD_HEADER = 'x-meshwatch-method';

export function isAllowedMethod(method: string): boolean {
  return (ALLOWED_METHODS as readonly string[]).includes(method.toUpperCase());
}

export function checkMethod(request: Request): void {
  const method = request.headers.get(METHOD_HEADER) ?? request.method;
  if (!isAllowedMethod(method)) {
    throw new MeshwatchError('method_not_allowed', `The ${method.slice(0, 16)} method is not supported.`);
  }
}

export function checkHost(request: Request, env: Env = process.env): void {
  if (!isHostAllowed(request.headers.get('host'), allowedHostRules(env))) {
    throw new MeshwatchError(
      'host_not_allowed',
      'This Host is not allowed. Open meshwatch as localhost or 127.0.0.1, or add the host to MESHWATCH_ALLOWED_HOSTS.',
    );
  }
}

/**
 * Mutations must prove they come from a meshwatch page: a browser always sends `Origin` on a POST and, in
 * modern browsers, `Sec-Fetch-Site`. Scripts must send an `Origin` that matches the Host they call.
 */
export function checkSameOrigin(request: Request): void {
  const host = (request.headers.get('host') ?? '').toLowerCase();
  const origin = request.headers.get('origin');
  const site = request.headers.get('sec-fetch-site');
  const refuse = (why: string) => new MeshwatchError('csrf', `Cross-site request refused: ${why}.`);

  if (origin === null && site === null)
    throw refuse('send an Origin header matching the Host (or use the meshwatch UI)');
  if (origin !== null) {
    let originHost: string;
    try {
      originHost = new URL(origin).host.toLowerCase();
    } catch {
      throw refuse('the Origin header is not a URL');
    }
    if (originHost !== host) throw refuse('the Origin does not match the Host');
  }
  if (site !== null && site !== 'same-origin') throw refuse(`Sec-Fetch-Site is "${site}", not "same-origin"`);
}

interface CsrfHolder {
  token?: string;
}
const CSRF_KEY = Symbol.for('meshwatch.csrf');

/** Random per process; kept on globalThis so every route bundle sees the same one. */
export function csrfToken(): string {
  const holder = ((globalThis as Record<symbol, CsrfHolder | undefined>)[CSRF_KEY] ??= {});
  if (!holder.token) {
    const bytes = crypto.getRandomValues(new Uint8Array(32));
    holder.token = Buffer.from(bytes).toString('base64url');
  }
  return holder.token;
}

function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

export function checkCsrf(request: Request): void {
  const sent = request.headers.get(CSRF_HEADER);
  if (!sent || !constantTimeEqual(sent, csrfToken())) {
    throw new MeshwatchError(
      'csrf',
      `Missing or wrong ${CSRF_HEADER} header: fetch a token from GET /api/v1/capabilities.`,
    );
  }
}

/** MESHWATCH_READ_ONLY=true, or a dump (MESHWATCH_SNAPSHOT): there is no cluster to change. */
export function isReadOnly(env: Env = process.env): boolean {
  if (env.MESHWATCH_SNAPSHOT?.trim()) return true;
  return ['true', '1', 'yes'].includes((env.MESHWATCH_READ_ONLY ?? '').trim().toLowerCase());
}

export function checkWritable(env: Env = process.env): void {
  if (isReadOnly(env)) {
    throw new MeshwatchError(
      'read_only',
      env.MESHWATCH_SNAPSHOT?.trim()
        ? 'meshwatch shows a snapshot (MESHWATCH_SNAPSHOT), not a live cluster: there is nothing to change.'
        : 'meshwatch runs read-only (MESHWATCH_READ_ONLY=true): changes are disabled.',
    );
  }
}

/** For the audit log: the socket peer, or what trusted proxies say (lib/api/client-identity.ts). */
export function clientAddress(request: Request, env: Env = process.env): ClientIdentity {
  return clientIdentity(request, env);
}
