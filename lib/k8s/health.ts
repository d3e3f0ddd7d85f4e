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

/**
 * `detailed: false` for callers nothing vouches for (a Host not on the allow-list, anyone on the ops
 * listener's pod network): they learn only ready or not, since the reason may name the cluster, its
 * errors or the kubeconfig.
 */
export function readiness(source: () => ClusterSource, { detailed }: { detailed: boolean }): HealthAnswer {
  try {
    const cache = source();
    cache.requireSynced();
    if (!detailed) return { status: 200, body: { ready: true } };
    const { synced, stale, ageSeconds } = cache.freshness();
    return { status: 200, body: { ready: true, synced, stale, ageSeconds } };
  } catch (err) {
    if (!detailed) return { status: 503, body: errorBody('unavailable', 'Not ready.') };
    if (isMeshwatchError(err)) return { status: err.status, body: errorBody(err.code, err.message) };
    return { status: 500, body: errorBody('internal', 'Readiness could not be determined.') };
  }
}
