import type { PodStatus } from '@/lib/api/dto';
import { POD_STATUSES } from '@/lib/mesh/types';

// How each status the engine reports looks on screen. Presentation only: the engine decides which status a
// pod has; this table decides its label, colour and order.

export type Tone = 'good' | 'warn' | 'bad' | 'info' | 'accent' | 'neutral';

export interface StatusLook {
  label: string;
  tone: Tone;
  /** One line for tooltips and filter chips. */
  hint: string;
}

export const STATUS_LOOK: Record<PodStatus, StatusLook> = {
  'missing-proxy': {
    label: 'missing-proxy',
    tone: 'warn',
    hint: 'Should have a proxy but started before injection applied; a restart adds it',
  },
  'unwanted-proxy': {
    label: 'unwanted-proxy',
    tone: 'accent',
    hint: 'Has a proxy it should no longer have; a restart removes it',
  },
  'outdated-proxy': {
    label: 'outdated-proxy',
    tone: 'info',
    hint: 'Proxy older than the control plane; a restart upgrades it',
  },
  'not-injectable': {
    label: 'not-injectable',
    tone: 'bad',
    hint: 'Asked for a proxy, but the injector cannot or will not add one',
  },
  meshed: { label: 'meshed', tone: 'good', hint: 'Has the proxy it should have' },
  unmeshed: { label: 'unmeshed', tone: 'neutral', hint: 'Not opted in to the mesh' },
};

/** Display order: what needs attention first (the engine's own order). */
export const STATUS_ORDER: readonly PodStatus[] = POD_STATUSES;

export function isPodStatus(value: string): value is PodStatus {
  return (STATUS_ORDER as readonly string[]).includes(value);
}

/** Pods a restart would change, from the engine's own counts. */

/** Tailwind classes per tone, spelled out so the compiler sees them. */
export const TONE_CLASSES: Record<Tone, { badge: string; dot: string; bar: string; text: string }> = {
  good: {
    badge:
      'bg-emerald-50 text-emerald-800 ring-emerald-600/25 dark:bg-emerald-400/10 dark:text-emerald-300 dark:ring-emerald-400/25',
    dot: 'bg-emerald-500',
    bar: 'bg-emerald-500 dark:bg-emerald-400',
    text: 'text-emerald-700 dark:text-emerald-300',
  },
  warn: {
    badge:
      'bg-amber-50 text-amber-900 ring-amber-600/30 dark:bg-amber-400/10 dark:text-amber-200 dark:ring-amber-400/25',
    dot: 'bg-amber-500',
    bar: 'bg-amber-500 dark:bg-amber-400',
    text: 'text-amber-800 dark:text-amber-300',
  },
  bad: {
    badge:
      'bg-rose-50 text-rose-800 ring-rose-600/25 dark:bg-rose-400/10 dark:text-rose-300 dark:ring-rose-400/25',
    dot: 'bg-rose-500',
    bar: 'bg-rose-500 dark:bg-rose-400',
    text: 'text-rose-700 dark:text-rose-300',
  },
  info: {
    badge: 'bg-sky-50 text-sky-800 ring-sky-600/25 dark:bg-sky-400/10 dark:text-sky-300 dark:ring-sky-400/25',
    dot: 'bg-sky-500',
    bar: 'bg-sky-500 dark:bg-sky-400',
    text: 'text-sky-700 dark:text-sky-300',
  },
  accent: {
    badge:
      'bg-violet-50 text-violet-800 ring-violet-600/25 dark:bg-violet-400/10 dark:text-violet-300 dark:ring-violet-400/25',
    dot: 'bg-violet-500',
    bar: 'bg-violet-500 dark:bg-violet-400',
    text: 'text-violet-700 dark:text-violet-300',
  },
  neutral: {
    badge:
      'bg-zinc-100 text-zinc-700 ring-zinc-500/20 dark:bg-zinc-400/10 dark:text-zinc-300 dark:ring-zinc-400/20',
    dot: 'bg-zinc-400',
    bar: 'bg-zinc-400 dark:bg-zinc-500',
    text: 'text-zinc-600 dark:text-zinc-400',
  },
};
