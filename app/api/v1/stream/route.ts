import { getCache } from '@/lib/k8s/cache';
import { changeStream, STREAM_HEADERS } from '@/lib/k8s/stream';
import { personRoute } from '@/lib/server/person-route';

// In `user` mode a change event names only namespaces the person sees (asked again every minute).
export const GET = personRoute(
  (request, _context, viewer) =>
    new Response(changeStream(getCache(), request.signal, viewer.reviews), {
      headers: { ...STREAM_HEADERS, connection: 'keep-alive' },
    }),
);

// Without its own HEAD, Next answers HEAD by running GET and dropping the body unread: the stream's
// subscriber and heartbeat then lived for ever (one per HEAD, from any page via no-cors fetch).
export const HEAD = personRoute(() => new Response(null, { headers: STREAM_HEADERS }));
