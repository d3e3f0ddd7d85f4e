import 'server-only';
// Liveness and readiness, answered the same way on the dashboard's port (/api/healthz, /api/readyz) and
// on the ops listener (/livez, /readyz). Readiness stays 200 during a short API-server outage on
// purpose: pages then show the data as stale instead of vanishing.
import { errorBody, isMeshwatchError } from '@/lib/api/errors';
import type { ClusterSource } from './source';

export interface HealthAnswer {
  status: number;
  body: unknown;
}

export function liveness(): HealthAnswer {
  return { status: 200, body: { status: 'ok' } };
}

export function readiness(source: () => ClusterSource): HealthAnswer {
  try {
    const cache = source();
    cache.requireSynced();
    const { synced, stale, ageSeconds } = cache.freshness();
    return { status: 200, body: { ready: true, synced, stale, ageSeconds } };
  } catch (err) {
    if (isMeshwatchError(err)) return { status: err.status, body: errorBody(err.code, err.message) };
    return { status: 500, body: errorBody('internal', 'Readiness could not be determined.') };
  }
}
