import type { RolloutStateResponse } from '@/lib/api/dto';
import { jsonResponse, MeshwatchError } from '@/lib/api/errors';
import { namespaceName, objectName, restartableKind } from '@/lib/api/validate';
import { getCache } from '@/lib/k8s/cache';
import { requireVisible } from '@/lib/k8s/people/viewer';
import { rolloutState } from '@/lib/k8s/rollout';
import { personRoute } from '@/lib/server/person-route';

type Context = { params: Promise<{ namespace: string; kind: string; name: string }> };

// The state of a rollout started at `since` (ISO time, the restart's): progress, the controllers'
// FailedCreate / webhook errors, stalled or not, lost StatefulSet pods.
export const GET = personRoute(async (request, { params }: Context, viewer) => {
  const raw = await params;
  const target = {
    namespace: namespaceName(raw.namespace),
    kind: restartableKind(raw.kind),
    name: objectName(raw.name, 'workload name'),
  };
  const sinceText = new URL(request.url).searchParams.get('since') ?? '';
  const since = Date.parse(sinceText);
  if (!Number.isFinite(since))
    throw new MeshwatchError('bad_request', '"since" must be an ISO 8601 time (when the restart started).');
  const cache = getCache();
  cache.requireSynced();
  await requireVisible(viewer, target.namespace);
  const state = await rolloutState(cache, target, since);
  const response: RolloutStateResponse = { ...target, since: new Date(since).toISOString(), ...state };
  return jsonResponse(response);
});
