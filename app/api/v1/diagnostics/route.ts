// The server process's own numbers (open streams, memory): what an operator checks when it grows.
import type { DiagnosticsResponse } from '@/lib/api/dto';
import { jsonResponse } from '@/lib/api/errors';
import { getCache } from '@/lib/k8s/cache';
import { reviewsSent } from '@/lib/k8s/people/access-reviews';
import { sessionCount } from '@/lib/k8s/people/sessions';
import { personRoute } from '@/lib/server/person-route';

export const GET = personRoute(() => {
  const { rss, heapUsed } = process.memoryUsage();
  const response: DiagnosticsResponse = {
    streams: getCache().subscriberCount,
    rssBytes: rss,
    heapUsedBytes: heapUsed,
    uptimeSeconds: Math.round(process.uptime()),
    sessions: sessionCount(),
    accessReviews: reviewsSent(),
  };
  return jsonResponse(response);
});
