// Readiness: 200 once the cluster cache has synced, 503 (error envelope) before. Staying ready while the
// API server is briefly away is deliberate: pages then show the data as stale instead of vanishing.
import { connection } from 'next/server';
import { errorResponse, jsonResponse } from '@/lib/api/errors';
import { getCache } from '@/lib/k8s/cache';

export async function GET(): Promise<Response> {
  await connection();
  try {
    const cache = getCache();
    cache.requireSynced();
    const { synced, stale, ageSeconds } = cache.freshness();
    return jsonResponse({ ready: true, synced, stale, ageSeconds });
  } catch (err) {
    return errorResponse(err);
  }
}
