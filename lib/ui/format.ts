// Small, locale-stable formatting helpers for an ops console: short ages, counts, percentages.

export function formatAge(fromIso: string | undefined, now: number): string {
  if (!fromIso) return '—';
  const then = Date.parse(fromIso);
  if (Number.isNaN(then)) return '—';
  return formatSeconds(Math.max(0, Math.round((now - then) / 1000)));
}

/** kubectl-style: 45s, 12m, 3h, 5d. */
export function formatSeconds(seconds: number): string {
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours}h`;
  return `${Math.floor(hours / 24)}d`;
}

export function formatPercent(part: number, whole: number): string {
  if (whole === 0) return '—';
  const value = (part / whole) * 100;
  return `${value > 0 && value < 1 ? '<1' : Math.floor(value)}%`;
}

export function formatCount(value: number): string {
  return value.toLocaleString('en-US');
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${formatCount(count)} ${count === 1 ? one : many}`;
}

export function formatTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString('en-GB', {
    month: 'short',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
  });
}

/** `deployment/web`: the way kubectl names a workload. */
export function workloadLabel(ref: { kind: string; name: string }): string {
  return `${ref.kind.toLowerCase()}/${ref.name}`;
}

/** Ends a clause with a full stop unless it already has one; the engine's messages come without. */
export function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/** The absolute time for a hover: ISO-like, UTC, seconds. */
export function formatAbsolute(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d{3}Z$/, ' UTC');
}

/** "12m ago", for times shown relative with the absolute time on hover. */
export function formatAgo(iso: string, now: number): string {
  const age = formatAge(iso, now);
  return age === '—' ? age : `${age} ago`;
}

/** An RFC 3339 time as the engine writes it in a sentence (`2026-12-03T09:04:10Z`, optional fraction). */
const ISO_TIME = /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})/g;

export type TextPart = { text: string } | { time: string };

/**
 * Splits a sentence around the times in it, so each can be shown relative with the absolute on hover.
 * "changed at <time>" becomes "changed <12m ago>": the "at" only reads right before an absolute time.
 */
export function splitTimes(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(ISO_TIME)) {
    const before = text.slice(last, match.index).replace(/\bat $/, '');
    if (before) parts.push({ text: before });
    parts.push({ time: match[0] });
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last) });
  return parts;
}
