import { apiRoute } from '@/lib/api/route';
import { getCache } from '@/lib/k8s/cache';
import { changeStream } from '@/lib/k8s/stream';

export const GET = apiRoute(
  (request) =>
    new Response(changeStream(getCache(), request.signal), {
      headers: {
        'content-type': 'text/event-stream; charset=utf-8',
        // no-transform keeps Next's gzip from buffering the stream; X-Accel-Buffering does the same for nginx.
        'cache-control': 'no-cache, no-transform',
        'x-accel-buffering': 'no',
        connection: 'keep-alive',
      },
    }),
);
