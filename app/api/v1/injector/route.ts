import type { InjectorProbeResponse } from '@/lib/api/dto';
import { jsonResponse } from '@/lib/api/errors';
import { getCache } from '@/lib/k8s/cache';
import { latestProbe, probeIntervalSeconds, runProbe } from '@/lib/k8s/probe';
import { personRoute } from '@/lib/server/person-route';

// The latest injector probe (a dry-run pod CREATE); before the first one, one is run now.
export const GET = personRoute(async () => {
  const cache = getCache();
  cache.requireSynced();
  const probe = latestProbe() ?? (await runProbe(cache));
  const response: InjectorProbeResponse = { probe, intervalSeconds: probeIntervalSeconds() };
  return jsonResponse(response);
});
