// Wrappers that keep route handlers thin: every API route checks the Host header (proxy.ts does too; this
// is the belt to its braces) and turns whatever it throws into the error envelope. Mutations add the
// read-only switch, the same-origin check and the CSRF token, in that order.
import { errorResponse, isAudited } from './errors';
import { recordRefusal } from './refusals';
import { checkCsrf, checkHost, checkMethod, checkSameOrigin, checkWritable } from './security';

type Handler<C> = (request: Request, context: C) => Promise<Response> | Response;

export function apiRoute<C>(handler: Handler<C>): (request: Request, context: C) => Promise<Response> {
  return async (request, context) => {
    try {
      checkMethod(request);
      checkHost(request);
      return await handler(request, context);
    } catch (err) {
      // lib/k8s audits what it attempted (RBAC denials included); this records what never got that far.
      if (!isAudited(err)) recordRefusal(request, err);
      return errorResponse(err);
    }
  };
}

export function mutationRoute<C>(handler: Handler<C>): (request: Request, context: C) => Promise<Response> {
  return apiRoute<C>((request, context) => {
    checkWritable();
    checkSameOrigin(request);
    checkCsrf(request);
    return handler(request, context);
  });
}
