// The one human sentence per pod status and per reason code, and the colour a mesh bar takes from the
// statuses behind it (not from the proxy's presence alone: four unwanted proxies are not "4/4 green").
// Codes stay in the API and in tooltips; people read these.
import { REASONS } from './reasons.ts';
import type { PodStatus, ReasonCode, StatusCounts } from './outputs.ts';

export const STATUS_SENTENCES: Readonly<Record<PodStatus, string>> = {
  meshed: 'Has the proxy it should have',
  'missing-proxy': 'Started without a proxy; the pod a restart creates would get one',
  'unwanted-proxy': 'Has a proxy it should no longer have; a restart removes it',
  'outdated-proxy': 'Runs an older proxy than the one injected now; a restart upgrades it',
  'not-injectable': 'Asked for a proxy, but the injector cannot or will not add one',
  unmeshed: 'Not opted in to the mesh',
};

export function statusSentence(status: PodStatus): string {
  return STATUS_SENTENCES[status];
}

/** Linkerd's words for its own codes, meshwatch's for the webhook gates; unknown codes stay visible. */
export function reasonSentence(code: ReasonCode | string): string {
  const entry = (REASONS as Record<string, { message: string } | undefined>)[code];
  return entry ? entry.message : code;
}

/**
 * "Why" for a pod in one line: its first skip reason's sentence, else — a missing proxy — the injector's
 * own event or webhook error when one explains it, else the status sentence.
 */
export function podWhy(status: PodStatus, reasonCodes: readonly string[], evidence?: string): string {
  const first = reasonCodes[0];
  if (first) return reasonSentence(first);
  if (evidence && status === 'missing-proxy') return `Started without a proxy: ${evidence}`;
  return statusSentence(status);
}

export type BarTone = 'good' | 'warn' | 'bad' | 'info' | 'accent' | 'neutral';

/** A bar's colour follows the worst status among the counted pods, in the engine's attention order. */
export function barTone(counts: StatusCounts): BarTone {
  if (counts['not-injectable'] > 0) return 'bad';
  if (counts['missing-proxy'] > 0) return 'warn';
  if (counts['unwanted-proxy'] > 0) return 'accent';
  if (counts['outdated-proxy'] > 0) return 'info';
  if (counts.meshed > 0) return 'good';
  return 'neutral';
}
