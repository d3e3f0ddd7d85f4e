import type { Capability, CapabilitiesResponse } from '@/lib/api/dto';
import { jsonResponse } from '@/lib/api/errors';
import { apiRoute } from '@/lib/api/route';
import { csrfToken, isReadOnly } from '@/lib/api/security';
import { reviewAccess } from '@/lib/k8s/access';
import { getCache } from '@/lib/k8s/cache';
import { clientsOf } from '@/lib/k8s/source-analysis';

const CAPABILITIES: Capability[] = [
  'patchNamespaces',
  'patchDeployments',
  'patchStatefulSets',
  'patchDaemonSets',
  'patchCronJobs',
  'createEvents',
];

export const GET = apiRoute(async () => {
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
  const access = await reviewAccess(clientsOf(cache));
  const response: CapabilitiesResponse = { readOnly: isReadOnly(), csrfToken: csrfToken(), ...access };
  return jsonResponse(response);
});
