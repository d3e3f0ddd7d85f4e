// Readiness: 200 once the cluster cache has synced, 503 (error envelope) before. Staying ready while the
// API server is briefly away is deliberate: pages then show the data as stale instead of vanishing.
// Probes skip the Host check (kubelet sends the pod IP), so a caller whose Host is not allowed learns
// only ready or not: the reason may name the cluster, its errors or the kubeconfig.
import { connection } from 'next/server';
import { errorResponse, jsonResponse, MeshwatchError } from '@/lib/api/errors';
import { allowedHostRules, isHostAllowed } from '@/lib/api/security';
import { getCache } from '@/lib/k8s/cache';

export async function GET(request: Request): Promise<Response> {
  await connection();
  const trusted = isHostAllowed(request.headers.get('host'), allowedHostRules());
  try {
    const cache = getCache();
    cache.requireSynced();
    if (!trusted) return jsonResponse({ ready: true });
    const { synced, stale, ageSeconds } = cache.freshness();
    return jsonResponse({ ready: true, synced, stale, ageSeconds });
  } catch (err) {
    return errorResponse(trusted ? err : new MeshwatchError('unavailable', 'Not ready.'));
  }
}
