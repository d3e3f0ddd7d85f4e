import type { SessionResponse } from '@/lib/api/dto';
import { ApiError, toApiError } from './api-error';
import { apiPaths } from './api-paths';

// Sign-in and sign-out (MESHWATCH_AUTH=user). Same-origin requests: the server checks Origin and keeps
// the token; the browser gets only an HttpOnly cookie it never reads.

async function send(method: 'POST' | 'DELETE', body?: unknown): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(apiPaths.session, {
      method,
      credentials: 'same-origin',
      cache: 'no-store',
      headers: { accept: 'application/json', ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
  } catch {
    throw new ApiError(0, 'network', 'The browser could not reach the meshwatch server.');
  }
  if (!response.ok) throw await toApiError(response);
  return response;
}

export async function signIn(token: string): Promise<SessionResponse> {
  return (await (await send('POST', { token })).json()) as SessionResponse;
}

export async function signOut(): Promise<void> {
  await send('DELETE');
}

/** Only a path on this site: `?next=` must never send the browser elsewhere after sign-in. */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';
}

/** The short form of a Kubernetes username: a ServiceAccount's name and namespace, else as it is. */
export function displayName(username: string): string {
  const sa = /^system:serviceaccount:([^:]+):([^:]+)$/.exec(username);
  return sa ? `${sa[2]} (${sa[1]})` : username;
}
