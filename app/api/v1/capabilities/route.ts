import type { CapabilitiesResponse } from '@/lib/api/dto';
import { jsonResponse } from '@/lib/api/errors';
import { csrfToken, isReadOnly } from '@/lib/api/security';
import { namespaceName } from '@/lib/api/validate';
import { CAPABILITIES, reviewAccess } from '@/lib/k8s/access';
import { getCache } from '@/lib/k8s/cache';
import { AccessReviews } from '@/lib/k8s/people/access-reviews';
import { requireVisible } from '@/lib/k8s/people/viewer';
import { personRoute } from '@/lib/server/person-route';

// What the acting identity may do, cluster-wide or in `?namespace=` (the buttons of that namespace's
// pages), with the CSRF token every mutation sends back.
export const GET = personRoute(async (request, _context, viewer) => {
  const cache = getCache();
  const snapshot = cache.context.snapshot;
  if (snapshot) {
    // A dump: no cluster to ask, nothing to change.
    const why = 'This is a snapshot of a cluster, not a live one.';
    const response: CapabilitiesResponse = {
      readOnly: true,
      snapshot,
      csrfToken: csrfToken(),
      can: Object.fromEntries(CAPABILITIES.map((c) => [c, false])) as CapabilitiesResponse['can'],
      why: Object.fromEntries(CAPABILITIES.map((c) => [c, why])),
    };
    return jsonResponse(response);
  }
  const raw = new URL(request.url).searchParams.get('namespace');
  const namespace = raw === null ? undefined : namespaceName(raw);
  if (namespace) await requireVisible(viewer, namespace);
  const reviews = viewer.reviews ?? new AccessReviews(viewer.clients(), 0);
  const who = viewer.reviews && viewer.person ? viewer.person.username : "meshwatch's Kubernetes identity";
  const access = await reviewAccess(reviews, who, namespace);
  const response: CapabilitiesResponse = {
    readOnly: isReadOnly(),
    csrfToken: csrfToken(),
    ...access,
    ...(namespace ? { namespace } : {}),
  };
  return jsonResponse(response);
});
