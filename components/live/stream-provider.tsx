'use client';

import { createContext, useCallback, useContext, useRef, type ReactNode } from 'react';
import { SWRConfig, useSWRConfig } from 'swr';
import type { ChangeEvent } from '@/lib/api/dto';
import { apiPaths, isNamespaceKey } from '@/lib/ui/api-paths';
import { useStream, type StreamState } from '@/lib/ui/use-stream';

const StreamContext = createContext<StreamState | null>(null);

/** Changes arrive in bursts during rollouts; one revalidation per burst is plenty. */
const COALESCE_MS = 750;
/** Only while the stream is down: refetch on a slow timer so the screen does not freeze. */
const FALLBACK_REFRESH_MS = 15_000;

export function StreamProvider({ children }: { children: ReactNode }) {
  const { mutate } = useSWRConfig();
  const pending = useRef<{ namespaces: Set<string>; all: boolean }>({ namespaces: new Set(), all: false });
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const flush = useCallback(() => {
    timer.current = null;
    const { namespaces, all } = pending.current;
    pending.current = { namespaces: new Set(), all: false };
    void mutate(apiPaths.overview);
    void mutate(apiPaths.activity);
    if (all) void mutate((key) => typeof key === 'string' && key.startsWith('/api/v1/namespaces/'));
    else for (const namespace of namespaces) void mutate((key) => isNamespaceKey(key, namespace));
  }, [mutate]);

  const onChange = useCallback(
    (event: ChangeEvent) => {
      if (event.cluster || event.namespaces.length === 0) pending.current.all = true;
      for (const namespace of event.namespaces) pending.current.namespaces.add(namespace);
      timer.current ??= setTimeout(flush, COALESCE_MS);
    },
    [flush],
  );

  const onReconnect = useCallback(() => {
    void mutate((key) => typeof key === 'string' && key !== apiPaths.capabilities);
  }, [mutate]);

  const state = useStream(apiPaths.stream, onChange, onReconnect);

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
