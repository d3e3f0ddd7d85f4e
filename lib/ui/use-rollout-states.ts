'use client';

import useSWR from 'swr';
import type { RolloutStateResponse } from '@/lib/api/dto';
import { apiPaths } from './api-paths';
import { fetchJson } from './fetcher';
import type { RolloutWatch } from './rollout';

/** Clocks differ between browser and cluster: look a little further back than the click. */
const SINCE_SLACK_MS = 2_000;
const POLL_MS = 2_000;

/**
 * The server's rollout state (controller events, conditions, stalled, lost pods) for every target that
 * was restarted, polled every 2 s until all settle: FailedCreate shows within seconds.
 */
export function useRolloutStates(watch: RolloutWatch, settled: boolean) {
  const since = new Date(watch.startedAt - SINCE_SLACK_MS).toISOString();
  const targets = watch.targets.filter((t) => t.result === 'done');
  return useSWR<Record<string, RolloutStateResponse>>(
    targets.length > 0 ? ['rollout-states', watch.id] : null,
    async () => {
      const states = await Promise.all(
        targets.map((t) =>
          fetchJson<RolloutStateResponse>(apiPaths.rollout(watch.namespace, t.kind, t.name, since)).catch(
            () => undefined,
          ),
        ),
      );
      const out: Record<string, RolloutStateResponse> = {};
      for (const state of states) if (state) out[`${state.kind}/${state.name}`] = state;
      return out;
    },
    { refreshInterval: settled ? 0 : POLL_MS, revalidateOnFocus: false },
  );
}
