import 'server-only';
// The route wrappers every cluster-facing API route uses: apiRoute / mutationRoute's checks first (method,
// Host; for mutations read-only, same origin, CSRF), then who the request acts as (lib/k8s/people:
// 401 in `user` mode without a credential), handed to the handler. A refused token met on the way
// becomes 401 and ends the session.
import { apiRoute, mutationRoute } from '@/lib/api/route';
import { getCache } from '@/lib/k8s/cache';
import { resolveViewer, type Viewer } from '@/lib/k8s/people/viewer';

type PersonHandler<C> = (request: Request, context: C, viewer: Viewer) => Promise<Response> | Response;

function asPerson<C>(handler: PersonHandler<C>) {
  return async (request: Request, context: C): Promise<Response> => {
    const viewer = await resolveViewer(request, getCache());
    try {
      return await handler(request, context, viewer);
    } catch (err) {
      throw viewer.translate(err);
    }
  };
}

/** A read: answers for the person (their namespaces only, in `user` mode). */
export function personRoute<C>(
  handler: PersonHandler<C>,
): (request: Request, context: C) => Promise<Response> {
  return apiRoute<C>(asPerson(handler));
}

/** A change: sent to the API server with the person's own credential in `user` mode. */
export function personMutation<C>(
  handler: PersonHandler<C>,
): (request: Request, context: C) => Promise<Response> {
  return mutationRoute<C>(asPerson(handler));
}
