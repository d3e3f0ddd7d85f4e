import { apiRoute } from '@/lib/api/route';
import { getCache } from '@/lib/k8s/cache';
import { changeStream, STREAM_HEADERS } from '@/lib/k8s/stream';

export const GET = apiRoute(
  (request) =>
    new Response(changeStream(getCache(), request.signal), {
      headers: { ...STREAM_HEADERS, connection: 'keep-alive' },
    }),
);

// Without its own HEAD, Next answers HEAD by running GET and dropping the body unread: the stream's
// subscriber and heartbeat then lived for ever (one per HEAD, from any page via no-cors fetch).
export const HEAD = apiRoute(() => new Response(null, { headers: STREAM_HEADERS }));
