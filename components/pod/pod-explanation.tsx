'use client';

import type { ReactNode } from 'react';
import type { PodResponse } from '@/lib/api/dto';
import { StatusBadge } from '@/components/mesh/status-badge';
import { Tag } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Callout } from '@/components/ui/callout';
import { ErrorCallout } from '@/components/ui/error-callout';
import { Skeleton } from '@/components/ui/skeleton';
import { workloadLabel } from '@/lib/ui/format';
import { STATUS_LOOK } from '@/lib/ui/pod-status';
import { usePod } from '@/lib/ui/use-api';
import { FixAction } from './fix-action';
import { InjectorEvents } from './injector-events';
import { TraceList } from './trace-list';
import { injectorEvidence } from '@/lib/mesh/injector-evidence';
import { RelativeTime } from '@/components/ui/relative-time';

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="space-y-2">
      <h3 className="text-[11px] font-semibold tracking-wide text-zinc-500 uppercase dark:text-zinc-400">
        {title}
      </h3>
      {children}
    </section>
  );
}

/** Why one pod is (or is not) meshed: status, the fix, the rule trace, and the injector's own events. */
export function PodExplanation({ namespace, pod }: { namespace: string; pod: string }) {
  const { data, error, mutate } = usePod(namespace, pod);
  if (!data) {
    if (error)
      return (
        <ErrorCallout
          error={error}
          prefix={`Cannot explain ${pod}`}
          actions={<Button onClick={() => void mutate()}>Retry</Button>}
        />
      );
    return (
      <div role="status" className="space-y-3">
        <span className="sr-only">Loading the explanation</span>
        <Skeleton className="h-6 w-48" />
        <Skeleton className="h-16" />
        <Skeleton className="h-48" />
      </div>
    );
  }
  return <ExplanationBody response={data} />;
}

function ExplanationBody({ response }: { response: PodResponse }) {
  const { pod, events, eventsError } = response;
  const look = STATUS_LOOK[pod.status];
  const evidence = injectorEvidence(pod.status, events);
  return (
    <div className="space-y-5" data-testid="pod-explanation">
      <div className="flex flex-wrap items-center gap-2">
        <StatusBadge status={pod.status} />
        <Tag>{pod.deleting ? 'Terminating' : pod.phase}</Tag>
        {pod.workload && (
          <span
            className="font-mono text-xs text-zinc-600 dark:text-zinc-400"
            title={pod.owner ? `controlled by ${workloadLabel(pod.owner)}` : undefined}
          >
            {workloadLabel(pod.workload)}
          </span>
        )}
        <RelativeTime
          iso={pod.createdAt}
          prefix="created "
          className="text-xs text-zinc-500 dark:text-zinc-400"
        />
      </div>
      <dl className="grid grid-cols-2 gap-x-6 gap-y-2 text-[13px] sm:grid-cols-4">
        <div>
          <dt className="text-xs text-zinc-500 dark:text-zinc-400">Proxy</dt>
          <dd>{pod.meshed ? `${pod.nativeSidecar ? 'native sidecar' : 'sidecar'}` : 'none'}</dd>
        </div>
        <div>
          <dt className="text-xs text-zinc-500 dark:text-zinc-400">Proxy version</dt>
          <dd className="font-mono text-xs">{pod.proxyVersion ?? '—'}</dd>
        </div>
        <div>
          <dt className="text-xs text-zinc-500 dark:text-zinc-400">Proxy ready</dt>
          <dd>{pod.meshed ? (pod.proxyReady ? 'yes' : 'no') : '—'}</dd>
        </div>
        <div>
          <dt className="text-xs text-zinc-500 dark:text-zinc-400">After a restart</dt>
          <dd>{pod.expected ? 'gets a proxy' : 'no proxy'}</dd>
        </div>
      </dl>

      <Callout
        tone={
          pod.status === 'meshed'
            ? 'good'
            : pod.status === 'unmeshed'
              ? 'info'
              : look.tone === 'bad'
                ? 'bad'
                : 'warn'
        }
        title={pod.fix ? `Fix: ${pod.fix}` : look.hint}
        testId="pod-fix"
        actions={<FixAction pod={pod} />}
      >
        {pod.reasons.length > 0 && (
          <ul className="space-y-1">
            {pod.reasons.map((reason) => (
              <li key={reason.code}>
                <code className="font-mono text-xs">{reason.code}</code>: {reason.message}
              </li>
            ))}
          </ul>
        )}
        {evidence && (
          <p className="mt-2" data-testid="injector-evidence">
            The injector said <RelativeTime iso={evidence.lastSeen} />:{' '}
            <q className="italic">{evidence.message}</q>
          </p>
        )}
      </Callout>

      <Section title="How the injector decides, in order">
        <TraceList steps={pod.trace} />
      </Section>
      <Section title="Injector events">
        {eventsError ? (
          <Callout tone="warn" title="The injector's events could not be read">
            <p>{eventsError}</p>
          </Callout>
        ) : (
          <InjectorEvents events={events} />
        )}
      </Section>
    </div>
  );
}
