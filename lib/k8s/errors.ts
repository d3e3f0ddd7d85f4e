import 'server-only';
// Maps whatever client-node throws onto the one MeshwatchError. The API server's V1Status `message` is
// used for 403/404/409/422 (it is the reason a user needs, e.g. which RBAC verb was missing); raw bodies,
// headers and stacks never leave the server.
import { personalForbidden } from '@/lib/api/auth';
import { isMeshwatchError, MeshwatchError } from '@/lib/api/errors';

const MAX_MESSAGE = 400;

interface ApiExceptionLike {
  code: number;
  body: unknown;
}

function isApiException(err: unknown): err is ApiExceptionLike {
  return err instanceof Error && typeof (err as Partial<ApiExceptionLike>).code === 'number' && 'body' in err;
}

function clip(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > MAX_MESSAGE ? `${oneLine.slice(0, MAX_MESSAGE)}…` : oneLine;
}

/** The `message` of a V1Status body, which client-node hands over as a JSON string. */
export function statusMessage(body: unknown): string | undefined {
  let parsed: unknown = body;
  if (typeof body === 'string') {
    try {
      parsed = JSON.parse(body);
    } catch {
      return undefined;
    }
  }
  if (typeof parsed === 'object' && parsed !== null) {
    const { message } = parsed as { message?: unknown };
    if (typeof message === 'string' && message.trim()) return clip(message);
  }
  return undefined;
}

/** A network-level failure: refused, reset, DNS, TLS, or our own deadline. */
function networkReason(err: unknown): string | undefined {
  if (!(err instanceof Error)) return undefined;
  if (err.name === 'TimeoutError' || err.name === 'AbortError') return 'it did not answer in time';
  const cause = (err as { cause?: unknown }).cause;
  const { code, message } =
    typeof cause === 'object' && cause !== null ? (cause as { code?: unknown; message?: unknown }) : {};
  if (typeof code === 'string') return code;
  if (err.message === 'fetch failed')
    return typeof message === 'string' && message ? clip(message) : 'connection failed';
  const ownCode = (err as Error & { code?: unknown }).code;
  if (typeof ownCode === 'string' && /^E[A-Z]+$/.test(ownCode)) return ownCode;
  return undefined;
}

const NOTE_KEY = Symbol.for('meshwatch.api-server-note');

/**
 * What the cache's readiness probe last learnt (e.g. "answers but is not ready: failing etcd"), so a call
 * that times out names the component that is down rather than blaming the network. undefined clears it.
 */
export function setApiServerNote(note: string | undefined): void {
  (globalThis as Record<symbol, string | undefined>)[NOTE_KEY] = note;
}

function apiServerNote(): string | undefined {
  return (globalThis as Record<symbol, string | undefined>)[NOTE_KEY];
}

/** The reason on a 401's error: for a person's own token it means "sign in again" (lib/k8s/people). */
export const CREDENTIAL_REFUSED = 'credential_refused';

export interface ErrorContext {
  /** What was asked for, for 404 messages: e.g. `Deployment "web" in namespace "shop"`. */
  target?: string;
}

export function toMeshwatchError(err: unknown, context: ErrorContext = {}): MeshwatchError {
  if (isMeshwatchError(err)) return err;
  if (isApiException(err)) {
    const reason = statusMessage(err.body);
    switch (err.code) {
      case 400:
      case 422:
        return new MeshwatchError('bad_request', reason ?? 'The API server rejected the request as invalid.');
      case 401:
        return new MeshwatchError(
          'forbidden',
          "The API server did not accept meshwatch's credentials (401 Unauthorized).",
          403,
          CREDENTIAL_REFUSED,
        );
      case 403:
        // Led by who was refused and what they lacked ("bob may not patch deployments.apps in shop").
        return new MeshwatchError(
          'forbidden',
          reason ? personalForbidden(reason) : 'Forbidden by the API server (RBAC).',
        );
      case 404:
        return new MeshwatchError(
          'not_found',
          context.target ? `${context.target} not found.` : (reason ?? 'Not found.'),
        );
      case 409:
        return new MeshwatchError('conflict', reason ?? 'The object changed meanwhile; try again.');
      case 429:
        return new MeshwatchError(
          'unavailable',
          'The API server is throttling requests (429); try again shortly.',
        );
      default:
        if (err.code >= 500)
          return new MeshwatchError('unavailable', `The Kubernetes API server failed (HTTP ${err.code}).`);
        return new MeshwatchError(
          'internal',
          `Unexpected answer from the API server (HTTP ${err.code}).`,
          502,
        );
    }
  }
  const network = networkReason(err);
  const note = apiServerNote();
  if (network && note) return new MeshwatchError('unavailable', `The request failed (${network}). ${note}.`);
  if (network)
    return new MeshwatchError('unavailable', `Cannot reach the Kubernetes API server (${network}).`);
  console.error(
    JSON.stringify({ level: 'error', msg: 'unexpected Kubernetes client error', error: String(err) }),
  );
  return new MeshwatchError(
    'internal',
    'Unexpected error talking to the Kubernetes API server; see the meshwatch log.',
  );
}

/** Runs one API call and converts its failure. */
export async function kubeCall<T>(call: () => Promise<T>, context: ErrorContext = {}): Promise<T> {
  try {
    return await call();
  } catch (err) {
    throw toMeshwatchError(err, context);
  }
}

/** For per-resource health: one short line, never a body. */
export function describeError(err: unknown): string {
  if (err instanceof Error && err.name === 'WatchError') return clip(`watch error: ${err.message}`);
  if (isApiException(err) && err.code === 403) return `forbidden: ${statusMessage(err.body) ?? 'RBAC'}`;
  const statusCode = (err as { statusCode?: unknown } | null)?.statusCode;
  if (statusCode === 401 || statusCode === 403)
    return `forbidden: may not watch this resource (HTTP ${statusCode})`;
  if (typeof statusCode === 'number') return `the watch failed (HTTP ${statusCode})`;
  return toMeshwatchError(err).message;
}
