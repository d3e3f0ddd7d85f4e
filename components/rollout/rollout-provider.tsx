'use client';

import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import type { RolloutWatch } from '@/lib/ui/rollout';

interface RolloutContextValue {
  watches: RolloutWatch[];
  follow: (watch: Omit<RolloutWatch, 'id' | 'startedAt'>) => void;
  dismiss: (id: string) => void;
}

const RolloutContext = createContext<RolloutContextValue | null>(null);

let sequence = 0;

/** Rollouts started from this tab, followed across page changes until dismissed. */
export function RolloutProvider({ children }: { children: ReactNode }) {
  const [watches, setWatches] = useState<RolloutWatch[]>([]);

  const follow = useCallback((watch: Omit<RolloutWatch, 'id' | 'startedAt'>) => {
    sequence += 1;
    const started: RolloutWatch = { ...watch, id: `rollout-${sequence}`, startedAt: Date.now() };
    setWatches((current) => [started, ...current].slice(0, 6));
  }, []);

  const dismiss = useCallback((id: string) => {
    setWatches((current) => current.filter((watch) => watch.id !== id));
  }, []);

  const value = useMemo(() => ({ watches, follow, dismiss }), [watches, follow, dismiss]);
  return <RolloutContext value={value}>{children}</RolloutContext>;
}

export function useRollouts(): RolloutContextValue {
  const value = useContext(RolloutContext);
  if (!value) throw new Error('useRollouts needs <RolloutProvider>');
  return value;
}
