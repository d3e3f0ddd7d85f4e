import 'server-only';
// Server-Sent Events for GET /api/v1/stream: `event: change` (ChangeEvent: which namespaces changed),
// `event: status` (Freshness, when synced/stale/health flips, and once on connect), `event: plan` (the
// restart plan's run moved: PlanEvent) and a comment line as heartbeat. Clients revalidate what they
// show; the stream itself carries no cluster data.
//
// A connection holds a cache subscriber and a timer, so it must end whenever its client is gone or is
// not reading: on abort, on cancel, and when the queue is full (backpressure — a client that reads
// nothing, or a response whose body is never consumed, would otherwise grow the queue for ever). The
// browser's EventSource reconnects after `retry` and revalidates, so closing a slow reader loses nothing.
import type { ChangeEvent, Freshness, PlanEvent } from '@/lib/api/dto';
import type { AccessReviews } from './people/access-reviews';
import { onPlanChange } from './restart-plan-run';
import type { ClusterSource as ClusterCache } from './source';

const DEFAULT_HEARTBEAT_SECONDS = 15;
/** Unread bytes a connection may queue before it counts as not reading (a few hundred frames). */
export const STREAM_QUEUE_BYTES = 64 * 1024;

export function heartbeatMs(env: Readonly<Record<string, string | undefined>> = process.env): number {
  const seconds = Number(env.MESHWATCH_HEARTBEAT_SECONDS);
  return (Number.isFinite(seconds) && seconds > 0 ? seconds : DEFAULT_HEARTBEAT_SECONDS) * 1000;
}

function frame(event: string, data: ChangeEvent | Freshness | PlanEvent): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

const encoder = new TextEncoder();
/**
 * One change or status event goes to every open connection: it is serialised and encoded once, and
 * each stream enqueues the same bytes (nothing downstream writes to a chunk).
 */
const frames = new WeakMap<object, Uint8Array>();
function sharedFrame(event: 'change' | 'status', data: ChangeEvent | Freshness): Uint8Array {
  let bytes = frames.get(data);
  if (!bytes) frames.set(data, (bytes = encoder.encode(frame(event, data))));
  return bytes;
}

export const STREAM_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  // no-transform keeps Next's gzip from buffering the stream; X-Accel-Buffering does the same for nginx.
  'cache-control': 'no-cache, no-transform',
  'x-accel-buffering': 'no',
} as const;

/**
 * How often a person's stream asks again which namespaces they see: well inside the access cache's time,
 * so the answers of someone with a page open are renewed in the background (refresh-ahead) and the page's
 * own requests never wait on a review after a quiet spell.
 */
const SCOPE_REFRESH_MS = 30_000;

/**
 * The namespaces a person's stream may name, kept fresh: undefined until the first answer (changes are
 * not announced to them before it; the page loads its data on connect anyway).
 */
function personScope(cache: ClusterCache, reviews: AccessReviews) {
  const scope: { visible?: ReadonlySet<string> | 'all'; timer?: ReturnType<typeof setInterval> } = {};
  const refresh = () => {
    if (!cache.freshness().synced) return;
    const names = cache.analysis.analysis().namespaces.map((n) => n.name);
    reviews.visible(names).then(
      (visible) => (scope.visible = visible),
      () => {}, // the API server away: keep the last answer
    );
  };
  refresh();
  scope.timer = setInterval(refresh, SCOPE_REFRESH_MS);
  return scope;
}

/** A change event as this person may see it; undefined when it names none of their namespaces. */
function scoped(
  event: ChangeEvent,
  visible: ReadonlySet<string> | 'all' | undefined,
): ChangeEvent | undefined {
  if (visible === 'all') return event;
  if (!visible) return undefined;
  const namespaces = event.namespaces.filter((n) => visible.has(n));
  return namespaces.length > 0 || event.cluster ? { ...event, namespaces } : undefined;
}

/** `reviews`: a person's (MESHWATCH_AUTH=user), whose change events name only the namespaces they see. */
export function changeStream(
  cache: ClusterCache,
  signal: AbortSignal,
  reviews?: AccessReviews,
): ReadableStream<Uint8Array> {
  let cleanup = () => {};
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        let open = true;
        const send = (chunk: string | Uint8Array) => {
          if (!open) return;
          // desiredSize <= 0: the queue is full, the client is not reading.
          if ((controller.desiredSize ?? 0) <= 0) return cleanup();
          try {
            controller.enqueue(typeof chunk === 'string' ? encoder.encode(chunk) : chunk);
          } catch {
            cleanup();
          }
        };
        const scope = reviews ? personScope(cache, reviews) : undefined;
        const unsubscribe = cache.subscribe({
          change: (event) => {
            if (!scope) return send(sharedFrame('change', event));
            const theirs = scoped(event, scope.visible);
            if (theirs === event) send(sharedFrame('change', event));
            else if (theirs) send(frame('change', theirs));
          },
          status: (freshness) => send(sharedFrame('status', freshness)),
        });
        const unsubscribePlan = onPlanChange((run) =>
          send(frame('plan', { id: run.id, state: run.state, wave: run.wave, at: new Date().toISOString() })),
        );
        const heartbeat = setInterval(
          () => send(`: heartbeat ${new Date().toISOString()}\n\n`),
          heartbeatMs(),
        );
        cleanup = () => {
          if (!open) return;
          open = false;
          clearInterval(heartbeat);
          clearInterval(scope?.timer);
          unsubscribe();
          unsubscribePlan();
          signal.removeEventListener('abort', cleanup);
          try {
            controller.close();
          } catch {
            // already closed by the client
          }
        };
        if (signal.aborted) return cleanup();
        signal.addEventListener('abort', cleanup);
        send('retry: 3000\n\n');
        send(sharedFrame('status', cache.freshness()));
      },
      cancel() {
        cleanup();
      },
    },
    { highWaterMark: STREAM_QUEUE_BYTES, size: (chunk) => chunk.byteLength },
  );
}
