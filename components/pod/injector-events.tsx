import type { InjectorEvent } from '@/lib/api/dto';
import { RelativeTime } from '@/components/ui/relative-time';

/** `Injected` / `InjectionSkipped` events Linkerd's injector wrote for this pod's workload. */
export function InjectorEvents({ events }: { events: readonly InjectorEvent[] }) {
  if (events.length === 0) {
    return (
      <p className="text-zinc-600 dark:text-zinc-400" data-testid="injector-events-empty">
        No events from the injector. It writes <code className="font-mono text-xs">Injected</code> or{' '}
        <code className="font-mono text-xs">InjectionSkipped</code> when the API server calls it; none means
        it was never called for this pod, or the events have expired.
      </p>
    );
  }
  return (
    <ul
      className="divide-y divide-zinc-100 rounded-md ring-1 ring-zinc-200 dark:divide-zinc-800 dark:ring-zinc-800"
      data-testid="injector-events"
    >
      {events.map((event, index) => (
        <li key={`${event.reason}-${event.lastSeen}-${index}`} className="px-3 py-2 text-[13px]">
          <p className="flex flex-wrap items-center gap-x-2">
            <span
              className={`font-medium ${event.reason === 'Injected' ? 'text-emerald-700 dark:text-emerald-300' : 'text-amber-800 dark:text-amber-300'}`}
            >
              {event.reason}
            </span>
            <span className="font-mono text-xs text-zinc-500 dark:text-zinc-400">
              {event.object.kind.toLowerCase()}/{event.object.name}
            </span>
            <span className="ml-auto text-xs text-zinc-500 tabular-nums dark:text-zinc-400">
              {event.count > 1 && `×${event.count} · `}
              <RelativeTime iso={event.lastSeen} />
            </span>
          </p>
          <p className="text-zinc-700 dark:text-zinc-300">{event.message}</p>
        </li>
      ))}
    </ul>
  );
}
