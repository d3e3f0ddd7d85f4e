import type { ErrorBody, ErrorCode } from '@/lib/api/dto';

/** Codes the UI adds for failures that never reached a meshwatch route. */
export type ClientErrorCode = ErrorCode | 'network' | 'bad_response';

/** The one error type SWR and the action helpers throw: the HTTP status plus the server's plain words. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ClientErrorCode;
  /** The engine's reason code behind a guard refusal (e.g. `control_plane_namespace`). */
  readonly reason?: string;

  constructor(status: number, code: ClientErrorCode, message: string, reason?: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    if (reason !== undefined) this.reason = reason;
  }
}

/** Requests that will fail the same way again: retrying them only hides the message. */
export function isFinalError(error: unknown): boolean {
  return error instanceof ApiError && [400, 401, 403, 404, 409, 413].includes(error.status);
}

const TITLES: Record<ClientErrorCode, string> = {
  bad_request: 'The request was not understood',
  invalid_name: 'Invalid name',
  invalid_kind: 'Unsupported workload kind',
  invalid_value: 'Invalid value',
  payload_too_large: 'Request too large',
  not_found: 'Not found',
  method_not_allowed: 'Method not supported',
  unauthenticated: 'Sign in to continue',
  forbidden: 'Not allowed by Kubernetes RBAC',
  read_only: 'meshwatch is in read-only mode',
  csrf: 'Your session token is out of date',
  host_not_allowed: 'This address is not allowed',
  paused: 'The Deployment is paused',
  conflict: 'Someone else changed it first',
  guarded_namespace: 'Guarded namespace: refused unless you insist',
  cannot_work: 'A restart cannot work right now',
  unavailable: 'The cluster is unreachable',
  internal: 'meshwatch hit an internal error',
  network: 'Cannot reach the meshwatch server',
  bad_response: 'Unexpected answer from the server',
};

/** A short headline for an error, in the user's words. */
export function errorTitle(error: unknown): string {
  return error instanceof ApiError ? TITLES[error.code] : 'Something went wrong';
}

/** The server's own message; never a stack trace or a raw API-server body. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return 'The page hit an unexpected problem. Reload to try again.';
}

function isErrorBody(body: unknown): body is ErrorBody {
  if (typeof body !== 'object' || body === null || !('error' in body)) return false;
  const inner = (body as { error: unknown }).error;
  return typeof inner === 'object' && inner !== null && 'message' in inner && 'code' in inner;
}

const FALLBACK_MESSAGES: Partial<Record<number, string>> = {
  401: 'The server asked for credentials this page does not have.',
  403: 'The server refused the request.',
  404: 'Nothing exists at this address.',
  502: 'The meshwatch server could not reach the cluster.',
  503: 'The meshwatch server is not ready yet.',
  504: 'The meshwatch server timed out.',
};

/** Turns a non-2xx response into an ApiError, preferring the `{ error: { code, message } }` envelope. */
export async function toApiError(response: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // not JSON: fall through to the status-based message
  }
  if (isErrorBody(body))
    return new ApiError(response.status, body.error.code, body.error.message, body.error.reason);
  const message =
    FALLBACK_MESSAGES[response.status] ??
    `The server answered with HTTP ${response.status}. Try again shortly.`;
  return new ApiError(response.status, response.status >= 500 ? 'internal' : 'bad_response', message);
}

/** A refusal the user may override with an explicit second confirmation ("force"). */
export function isForceable(error: unknown): boolean {
  return error instanceof ApiError && (error.code === 'guarded_namespace' || error.code === 'cannot_work');
}
