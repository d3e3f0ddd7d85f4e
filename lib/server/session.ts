import 'server-only';
// GET/POST/DELETE /api/v1/session: who this browser acts as, signing in with a pasted token, signing out.
import {
  authMode,
  clearedSessionCookie,
  cookieValue,
  isSecureRequest,
  SESSION_COOKIE,
  sessionCookie,
  unauthenticated,
} from '@/lib/api/auth';
import { clientIdentity } from '@/lib/api/client-identity';
import type { SessionResponse } from '@/lib/api/dto';
import { jsonResponse, MeshwatchError } from '@/lib/api/errors';
import { readJsonObject } from '@/lib/api/request-body';
import { checkSameOrigin } from '@/lib/api/security';
import { signInRequest } from '@/lib/api/validate';
import type { Viewer } from '@/lib/k8s/people/viewer';
import { endSession, idleMs, startSession } from '@/lib/k8s/people/sessions';
import { identify } from '@/lib/k8s/people/who';

export function sessionView(viewer: Viewer): SessionResponse {
  return {
    mode: viewer.mode,
    via: viewer.via,
    ...(viewer.person ? { person: { username: viewer.person.username, groups: viewer.person.groups } } : {}),
    ...(viewer.via === 'session' ? { idleMinutes: idleMs() / 60_000 } : {}),
  };
}

/**
 * Sign-in: the API server says whose token it is (SelfSubjectReview) before any session exists. Same
 * origin only (there is no CSRF token before sign-in; SameSite=Strict and the Origin check stop a
 * foreign page from signing a browser in as someone else). A refused token is logged without itself.
 */
export async function signIn(request: Request): Promise<Response> {
  if (authMode() !== 'user') {
    throw new MeshwatchError(
      'conflict',
      'Sign-in is for MESHWATCH_AUTH=user: this meshwatch acts with its own identity (kubeconfig or serviceaccount mode).',
    );
  }
  checkSameOrigin(request);
  const { token } = signInRequest(await readJsonObject(request, 20_000));
  let who;
  try {
    who = await identify(token);
  } catch (err) {
    console.log(
      JSON.stringify({
        level: 'warn',
        msg: 'meshwatch sign-in refused',
        client: clientIdentity(request).client,
        error: err instanceof Error ? err.message : String(err),
      }),
    );
    throw err;
  }
  const { sealed, maxAgeSeconds } = await startSession(token, who.person);
  console.log(
    JSON.stringify({
      level: 'info',
      msg: 'meshwatch sign-in',
      client: clientIdentity(request).client,
      person: who.person,
    }),
  );
  const body: SessionResponse = {
    mode: 'user',
    via: 'session',
    person: who.person,
    idleMinutes: idleMs() / 60_000,
  };
  const response = jsonResponse(body);
  response.headers.append(
    'set-cookie',
    sessionCookie(sealed, { secure: isSecureRequest(request), maxAgeSeconds }),
  );
  return response;
}

/**
 * Sign-out: the session and its token are gone from memory; the cookie is cleared. Same origin only, and
 * it works in read-only mode and on a session that already ended (the cookie is cleared all the same).
 */
export async function signOut(request: Request): Promise<Response> {
  checkSameOrigin(request);
  const sealed = cookieValue(request.headers.get('cookie'), SESSION_COOKIE);
  if (!sealed) throw unauthenticated('There is no sign-in session to end.');
  const person = await endSession(sealed);
  console.log(
    JSON.stringify({
      level: 'info',
      msg: 'meshwatch sign-out',
      client: clientIdentity(request).client,
      ...(person ? { person } : {}),
    }),
  );
  const response = jsonResponse({ signedOut: true });
  response.headers.append('set-cookie', clearedSessionCookie(isSecureRequest(request)));
  return response;
}
