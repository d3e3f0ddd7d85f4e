import type { InjectorProbeResponse } from '@/lib/api/dto';
import { jsonResponse } from '@/lib/api/errors';
import { getCache } from '@/lib/k8s/cache';
import { probeIntervalSeconds, runProbe } from '@/lib/k8s/probe';
import { personMutation } from '@/lib/server/person-route';

// Probe the injector now (a dry run: nothing is created). A POST with the CSRF token, as it makes a request.
export const POST = personMutation(async () => {
  const cache = getCache();
  cache.requireSynced();
  const response: InjectorProbeResponse = {
    probe: await runProbe(cache),
    intervalSeconds: probeIntervalSeconds(),
  };
  return jsonResponse(response);
});
