// Readiness: 200 once the cluster cache has synced, 503 (error envelope) before (lib/k8s/health.ts,
// shared with the ops listener's /readyz). Probes skip the Host check (kubelet sends the pod IP), so a
// caller whose Host is not allowed gets the short answer.
import { connection } from 'next/server';
import { jsonResponse } from '@/lib/api/errors';
import { allowedHostRules, isHostAllowed } from '@/lib/api/security';
import { getCache } from '@/lib/k8s/cache';
import { readiness } from '@/lib/k8s/health';

export async function GET(request: Request): Promise<Response> {
  await connection();
  const detailed = isHostAllowed(request.headers.get('host'), allowedHostRules());
  const { status, body } = readiness(getCache, { detailed });
  return jsonResponse(body, status);
}
