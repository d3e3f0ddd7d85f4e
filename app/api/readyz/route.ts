// Readiness: 200 once the cluster cache has synced, 503 (error envelope) before (lib/k8s/health.ts,
// shared with the ops listener's /readyz).
import { connection } from 'next/server';
import { jsonResponse } from '@/lib/api/errors';
import { getCache } from '@/lib/k8s/cache';
import { readiness } from '@/lib/k8s/health';

export async function GET(): Promise<Response> {
  await connection();
  const { status, body } = readiness(getCache);
  return jsonResponse(body, status);
}
