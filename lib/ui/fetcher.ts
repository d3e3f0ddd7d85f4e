import { ApiError, toApiError } from './api-error';

export const SIGN_IN_PATH = '/sign-in';

/**
 * MESHWATCH_AUTH=user and no (longer a) session: the page goes to the sign-in page, which comes back
 * here afterwards. Read-only answers (a 401 on anything else) are left to the caller.
 */
function toSignIn(error: ApiError): ApiError {
  if (error.code === 'unauthenticated' && typeof window !== 'undefined') {
    const { pathname, search } = window.location;
    if (pathname !== SIGN_IN_PATH)
      // A full load on purpose: no cached answer of the last identity may survive it.
      // eslint-disable-next-line @next/next/no-location-assign-relative-destination
      window.location.assign(`${SIGN_IN_PATH}?next=${encodeURIComponent(pathname + search)}`);
  }
  return error;
}

const NETWORK_MESSAGE = 'The browser could not reach the meshwatch server. Check that it is running.';

/** SWR's one fetcher: JSON or an ApiError carrying the HTTP status. */
export async function fetchJson<T>(url: string): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, { headers: { accept: 'application/json' }, cache: 'no-store' });
  } catch {
    throw new ApiError(0, 'network', NETWORK_MESSAGE);
  }
  if (!response.ok) throw toSignIn(await toApiError(response));
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
  if (!response.ok) throw toSignIn(await toApiError(response));
  return (await response.json()) as T;
}
