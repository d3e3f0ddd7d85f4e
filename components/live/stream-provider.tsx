'use client';

import { createContext, useCallback, useContext, useRef, type ReactNode } from 'react';
import { SWRConfig, useSWRConfig } from 'swr';
import type { ChangeEvent } from '@/lib/api/dto';
import { apiPaths, isNamespaceKey } from '@/lib/ui/api-paths';
import { useStream, type StreamState } from '@/lib/ui/use-stream';
import { createRefreshGate } from './refresh-gate';
import { usePathname } from 'next/navigation';
import { SIGN_IN_PATH } from '@/lib/ui/fetcher';

const StreamContext = createContext<StreamState | null>(null);

/** Only while the stream is down: refetch on a slow timer so the screen does not freeze. */
const FALLBACK_REFRESH_MS = 15_000;

type Matcher = string | ((key: unknown) => boolean);

/**
 * Revalidates on each change event as it comes (the server already batches changes, ~50 ms): only the
 * keys the event concerns, and SWR fetches only those a mounted component shows. At most one fetch per
 * group is in flight (refresh-gate.ts).
 */
export function StreamProvider({ children }: { children: ReactNode }) {
  const { mutate } = useSWRConfig();
  const gate = useRef(createRefreshGate());

  const refresh = useCallback(
    (group: string, matcher: Matcher) =>
      gate.current(group, () => (typeof matcher === 'string' ? mutate(matcher) : mutate(matcher))),
    [mutate],
  );

  const onChange = useCallback(
    (event: ChangeEvent) => {
      refresh('overview', apiPaths.overview);
      refresh('activity', apiPaths.activity);
      refresh('restart-plan', apiPaths.restartPlan);
      if (event.cluster || event.namespaces.length === 0) {
        refresh('context', apiPaths.context);
        refresh('namespaces', (key) => typeof key === 'string' && key.startsWith('/api/v1/namespaces/'));
      } else {
        for (const namespace of event.namespaces)
          refresh(`namespace:${namespace}`, (key) => isNamespaceKey(key, namespace));
      }
    },
    [refresh],
  );

  const onReconnect = useCallback(() => {
    void mutate((key) => typeof key === 'string' && key !== apiPaths.capabilities);
  }, [mutate]);

  const onPlan = useCallback(() => {
    refresh('restart-plan', apiPaths.restartPlan);
    refresh('activity', apiPaths.activity);
  }, [refresh]);

  const signingIn = usePathname() === SIGN_IN_PATH;
  const state = useStream(signingIn ? null : apiPaths.stream, onChange, onReconnect, onPlan);

  return (
    <StreamContext value={state}>
      <SWRConfig value={{ refreshInterval: state.connection === 'down' ? FALLBACK_REFRESH_MS : 0 }}>
        {children}
      </SWRConfig>
    </StreamContext>
  );
}

export function useStreamState(): StreamState {
  const state = useContext(StreamContext);
  if (!state) throw new Error('useStreamState needs <StreamProvider>');
  return state;
}
