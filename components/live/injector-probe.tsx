'use client';

import { Callout } from '@/components/ui/callout';
import { formatAbsolute } from '@/lib/ui/format';
import { useInjectorProbe } from '@/lib/ui/use-api';

const DOT = {
  good: 'bg-emerald-500',
  warn: 'bg-amber-500',
  bad: 'bg-rose-500',
  neutral: 'bg-zinc-400',
} as const;

/** The probe's one sentence in the header: "Injector answering, 38 ms, injects edge-26.6.3". */
export function InjectorProbeChip() {
  const { data } = useInjectorProbe();
  if (!data) return null;
  const { probe } = data;
  return (
    <span
      data-testid="injector-probe"
      data-state={probe.state}
      className="hidden max-w-[26rem] items-center gap-1.5 lg:inline-flex"
      title={`${probe.sentence}${probe.message ? `\n${probe.message}` : ''}\nprobed ${formatAbsolute(probe.at)}, every ${data.intervalSeconds} s`}
    >
      <span aria-hidden="true" className={`size-2 shrink-0 rounded-full ${DOT[probe.tone]}`} />
      <span className="truncate">{probe.sentence}</span>
    </span>
  );
}

/** The loud banner: pod creation failing (Fail), or new pods starting without a proxy (Ignore). */
export function InjectorProbeBanner() {
  const { data } = useInjectorProbe();
  const probe = data?.probe;
  if (!probe?.banner) return null;
  return (
    <Callout tone="bad" role="alert" testId="injector-banner" title={probe.sentence}>
      <p>{probe.banner}</p>
      {probe.message && <p className="font-mono text-xs break-words">API server: {probe.message}</p>}
    </Callout>
  );
}
