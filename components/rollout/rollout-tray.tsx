'use client';

import { RolloutCard } from './rollout-card';
import { useRollouts } from './rollout-provider';

/** Every rollout this tab started, newest first, on whichever page the user is. */
export function RolloutTray() {
  const { watches, dismiss } = useRollouts();
  if (watches.length === 0) return null;
  return (
    <section aria-label="Rollouts in progress" className="space-y-2">
      {watches.map((watch) => (
        <RolloutCard key={watch.id} watch={watch} onDismiss={() => dismiss(watch.id)} />
      ))}
    </section>
  );
}
