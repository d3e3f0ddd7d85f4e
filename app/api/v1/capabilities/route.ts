import type { CapabilitiesResponse } from '@/lib/api/dto';
import { jsonResponse } from '@/lib/api/errors';
import { apiRoute } from '@/lib/api/route';
import { csrfToken, isReadOnly } from '@/lib/api/security';
import { reviewAccess } from '@/lib/k8s/access';
import { getCache } from '@/lib/k8s/cache';
import { clientsOf } from '@/lib/k8s/views';

export const GET = apiRoute(async () => {
  const access = await reviewAccess(clientsOf(getCache()));
  const response: CapabilitiesResponse = { readOnly: isReadOnly(), csrfToken: csrfToken(), ...access };
  return jsonResponse(response);
});
