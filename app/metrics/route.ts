// GET /metrics on the dashboard's own port, behind the Host allow-list like every page (proxy.ts): for a
// scraper that reaches meshwatch as localhost (a sidecar, a port-forward). Scrapers on the pod network
// use the ops listener (MESHWATCH_OPS_PORT), which serves the same text.
import { connection } from 'next/server';
import { errorResponse } from '@/lib/api/errors';
import { getCache } from '@/lib/k8s/cache';
import { METRICS_CONTENT_TYPE, renderMetrics } from '@/lib/k8s/metrics';

export async function GET(): Promise<Response> {
  await connection();
  try {
    return new Response(await renderMetrics(getCache()), {
      headers: { 'content-type': METRICS_CONTENT_TYPE, 'cache-control': 'no-store' },
    });
  } catch (err) {
    return errorResponse(err);
  }
}
