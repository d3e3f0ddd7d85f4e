import { jsonResponse } from '@/lib/api/errors';
import { apiRoute } from '@/lib/api/route';
import { personRoute } from '@/lib/server/person-route';
import { sessionView, signIn, signOut } from '@/lib/server/session';

// Who this browser acts as (401 in MESHWATCH_AUTH=user before sign-in), sign-in with a token, sign-out.
export const GET = personRoute((_request, _context, viewer) => jsonResponse(sessionView(viewer)));
export const POST = apiRoute((request) => signIn(request));
export const DELETE = apiRoute((request) => signOut(request));
