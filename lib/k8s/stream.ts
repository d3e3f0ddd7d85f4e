import 'server-only';
// Server-Sent Events for GET /api/v1/stream: `event: change` (ChangeEvent: which namespaces changed),
// `event: status` (Freshness, when synced/stale/health flips, and once on connect) and a comment line as
// heartbeat. Clients revalidate what they show; the stream itself carries no cluster data.
import type { ChangeEvent, Freshness } from '@/lib/api/dto';
import type { ClusterSource as ClusterCache } from './source';

const DEFAULT_HEARTBEAT_SECONDS = 15;

export function heartbeatMs(env: Readonly<Record<string, string | undefined>> = process.env): number {
  const seconds = Number(env.MESHWATCH_HEARTBEAT_SECONDS);
  return (Number.isFinite(seconds) && seconds > 0 ? seconds : DEFAULT_HEARTBEAT_SECONDS) * 1000;
}

function frame(event: string, data: ChangeEvent | Freshness): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

export function changeStream(cache: ClusterCache, signal: AbortSignal): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cleanup = () => {};
  return new ReadableStream<Uint8Array>({
    start(controller) {
      let open = true;
      const send = (text: string) => {
        if (!open) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          cleanup();
        }
      };
      const unsubscribe = cache.subscribe({
        change: (event) => send(frame('change', event)),
        status: (freshness) => send(frame('status', freshness)),
      });
      const heartbeat = setInterval(() => send(`: heartbeat ${new Date().toISOString()}\n\n`), heartbeatMs());
      cleanup = () => {
        if (!open) return;
        open = false;
        clearInterval(heartbeat);
        unsubscribe();
        signal.removeEventListener('abort', cleanup);
        try {
          controller.close();
        } catch {
          // already closed by the client
        }
      };
      signal.addEventListener('abort', cleanup);
      send('retry: 3000\n\n');
      send(frame('status', cache.freshness()));
    },
    cancel() {
      cleanup();
    },
  });
}
