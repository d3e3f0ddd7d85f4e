// GET /metrics on the dashboard's own port, behind the Host allow-list like every page: for a scraper
// that reaches meshwatch as localhost (a sidecar, a port-forward). The series name every namespace, so in
// MESHWATCH_AUTH=user mode only someone who may list pods cluster-wide reads them here; Prometheus
// scrapes the ops listener (MESHWATCH_OPS_PORT), which serves the same text cluster-wide.
import { connection } from 'next/server';
import { MeshwatchError } from '@/lib/api/errors';
import { getCache } from '@/lib/k8s/cache';
import { METRICS_CONTENT_TYPE, renderMetrics } from '@/lib/k8s/metrics';
import { personRoute } from '@/lib/server/person-route';

export const GET = personRoute(async (_request, _context, viewer) => {
  await connection();
  if (viewer.reviews && !(await viewer.reviews.seesAll())) {
    throw new MeshwatchError(
      'forbidden',
      `${viewer.person?.username ?? 'You'} may not read cluster-wide metrics here (that takes list pods in every namespace); Prometheus reads them on the ops port.`,
    );
  }
  return new Response(await renderMetrics(getCache()), {
    headers: { 'content-type': METRICS_CONTENT_TYPE, 'cache-control': 'no-store' },
  });
});
