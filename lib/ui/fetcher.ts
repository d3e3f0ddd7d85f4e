import { ApiError, toApiError } from './api-error';

const NETWORK_MESSAGE = 'The browser could not reach the meshwatch server. Check that it is running.';

/** SWR's one fetcher: JSON or an ApiError carrying the HTTP status. */
export async function fetchJson<T>(url: string): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, { headers: { accept: 'application/json' }, cache: 'no-store' });
  } catch {
    throw new ApiError(0, 'network', NETWORK_MESSAGE);
  }
  if (!response.ok) throw await toApiError(response);
  try {
    return (await response.json()) as T;
  } catch {
    throw new ApiError(response.status, 'bad_response', 'The server sent something that is not JSON.');
  }
}

/** A same-origin mutation carrying the CSRF token from /api/v1/capabilities. */
export async function postJson<T>(url: string, body: unknown, csrfToken: string): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      cache: 'no-store',
      headers: {
        accept: 'application/json',
        'content-type': 'application/json',
        'x-meshwatch-csrf': csrfToken,
      },
      body: JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network', NETWORK_MESSAGE);
  }
  if (!response.ok) throw await toApiError(response);
  return (await response.json()) as T;
}
