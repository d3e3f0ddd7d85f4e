'use client';

import { useEffect, useEffectEvent, useState } from 'react';
import type { ChangeEvent, Freshness } from '@/lib/api/dto';

export type StreamConnection = 'connecting' | 'open' | 'down';

export interface StreamState {
  connection: StreamConnection;
  /** When the connection went down (ms since the epoch); null while it is up or connecting. */
  downSince: number | null;
  /** The server's last word on its cache (`event: status`). */
  freshness: Freshness | null;
  /** When that word arrived, to age it locally between events. */
  freshnessAt: number;
}

function parse<T>(data: unknown): T | null {
  if (typeof data !== 'string') return null;
  try {
    return JSON.parse(data) as T;
  } catch {
    return null;
  }
}

const INITIAL: StreamState = { connection: 'connecting', downSince: null, freshness: null, freshnessAt: 0 };

/**
 * Follows GET /api/v1/stream. EventSource reconnects by itself after network errors; when the server
 * answers with an error status it gives up (readyState CLOSED), so we reopen it with backoff ourselves.
 */
export function useStream(
  /** null: no stream (the sign-in page: nothing to follow before there is someone to follow it for). */
  url: string | null,
  onChange: (event: ChangeEvent) => void,
  onReconnect: () => void,
  onPlan: () => void = () => {},
): StreamState {
  const [state, setState] = useState<StreamState>(INITIAL);
  const handleChange = useEffectEvent(onChange);
  const handleReconnect = useEffectEvent(onReconnect);
  const handlePlan = useEffectEvent(onPlan);

  useEffect(() => {
    if (!url) return;
    let source: EventSource | null = null;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let attempts = 0;
    let wasOpen = false;

    const connect = () => {
      source = new EventSource(url);
      source.addEventListener('open', () => {
        attempts = 0;
        // Whatever changed while we were away was never announced: refetch everything once.
        if (wasOpen) handleReconnect();
        wasOpen = true;
        setState((current) => ({ ...current, connection: 'open', downSince: null }));
      });
      source.addEventListener('change', (message) => {
        const event = parse<ChangeEvent>(message.data);
        if (event) handleChange(event);
      });
      // The restart plan's run moved (PlanEvent): whoever shows it refetches it.
      source.addEventListener('plan', () => handlePlan());
      source.addEventListener('status', (message) => {
        const freshness = parse<Freshness>(message.data);
        if (freshness) setState((current) => ({ ...current, freshness, freshnessAt: Date.now() }));
      });
      source.addEventListener('error', () => {
        setState((current) =>
          current.connection === 'down' ? current : { ...current, connection: 'down', downSince: Date.now() },
        );
        if (source?.readyState === EventSource.CLOSED) {
          source.close();
          retryTimer = setTimeout(connect, Math.min(30_000, 1_000 * 2 ** attempts));
          attempts += 1;
        }
      });
    };

    connect();
    return () => {
      clearTimeout(retryTimer);
      source?.close();
    };
  }, [url]);

  return state;
}
