import { getCache } from '@/lib/k8s/cache';
import { visibleNamespaces } from '@/lib/k8s/people/viewer';
import { personRoute } from '@/lib/server/person-route';
import { overviewResponse } from '@/lib/server/response-bodies';

// Everyone who sees every namespace shares one cached body; a person limited to some gets theirs.
export const GET = personRoute(async (request, _context, viewer) => {
  const cache = getCache();
  cache.requireSynced();
  return overviewResponse(request, cache, await visibleNamespaces(viewer, cache));
});
