import 'server-only';
// How fresh the cache's data is, from the informers' statuses and the API-server probe: what every
// response's `freshness` says and what makes the UI call its data stale. Pure given its inputs.
import type { Freshness } from '@/lib/api/dto';
import type { InformerStatus } from './informer';

/** No word from the API server for this long makes the data stale; the watchdog then re-lists. */
export const STALE_AFTER_SECONDS = 120;

/** The API-server probe's last word (api-server-probe.ts). */
export interface ProbeState {
  healthy: boolean;
  lastError?: string;
  lastOkAt: number | null;
}

/** No cluster at all (the kubeconfig could not be used): stale, never synced, and why. */
export function fatalFreshness(fatal: string): Freshness {
  return {
    synced: false,
    stale: true,
    ageSeconds: null,
    lastEventAt: null,
    resources: [{ name: 'kubeconfig', synced: false, healthy: false, lastError: fatal }],
  };
}

/**
 * `synced`: every resource has completed one full list. `stale`: not synced, some resource or the probe
 * unhealthy, or nothing heard for STALE_AFTER_SECONDS. The probe is listed as resource `api-server`.
 */
export function freshnessOf(statuses: InformerStatus[], probe: ProbeState, now: number): Freshness {
  const synced = statuses.every((s) => s.synced);
  const lastHeard = Math.max(0, probe.lastOkAt ?? 0, ...statuses.map((s) => s.lastHeardAt ?? 0));
  const lastEvent = Math.max(0, ...statuses.map((s) => s.lastEventAt ?? 0));
  const ageSeconds = lastHeard ? Math.max(0, Math.round((now - lastHeard) / 1000)) : null;
  const resources: Freshness['resources'] = statuses.map(({ name, synced: s, healthy, lastError }) =>
    lastError ? { name, synced: s, healthy, lastError } : { name, synced: s, healthy },
  );
  const { healthy, lastError } = probe;
  resources.push(
    lastError && !healthy
      ? { name: 'api-server', synced: true, healthy, lastError }
      : { name: 'api-server', synced: true, healthy },
  );
  const stale =
    !synced || resources.some((r) => !r.healthy) || ageSeconds === null || ageSeconds > STALE_AFTER_SECONDS;
  return {
    synced,
    stale,
    ageSeconds,
    lastEventAt: lastEvent ? new Date(lastEvent).toISOString() : null,
    resources,
  };
}

/** What the resources not yet synced wait for, grouped by error (unreachable: all say the same). */
export function notSyncedDetail(statuses: InformerStatus[]): string | null {
  const waiting = statuses.filter((s) => !s.synced);
  if (waiting.length === 0) return null;
  const byError = new Map<string, string[]>();
  for (const s of waiting)
    byError.set(s.lastError ?? '', [...(byError.get(s.lastError ?? '') ?? []), s.name]);
  return [...byError]
    .map(([error, names]) => `${names.join(', ')}${error ? ` (${error.replace(/\.$/, '')})` : ''}`)
    .join('; ');
}

/** A key that changes when what the status event reports changes (synced, stale, health, errors). */
export function statusKey(freshness: Freshness): string {
  return `${freshness.synced}|${freshness.stale}|${freshness.resources.map((r) => `${r.healthy}${r.lastError ?? ''}`).join()}`;
}
