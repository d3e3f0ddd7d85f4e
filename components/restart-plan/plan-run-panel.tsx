'use client';

import { useState } from 'react';
import type { PlanRun, PlanRunTarget, PlanTargetState } from '@/lib/api/dto';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Callout } from '@/components/ui/callout';
import { Card, CardHeader } from '@/components/ui/card';
import { RelativeTime } from '@/components/ui/relative-time';
import { ErrorCallout } from '@/components/ui/error-callout';
import type { ApiError } from '@/lib/ui/api-error';
import { workloadLabel } from '@/lib/ui/format';
import type { Tone } from '@/lib/ui/pod-status';
import { useMeshActions } from '@/lib/ui/use-mesh-actions';

const TARGET_TONE: Record<PlanTargetState, Tone> = {
  pending: 'neutral',
  restarting: 'accent',
  rolling: 'accent',
  done: 'good',
  failed: 'bad',
  cancelled: 'neutral',
};

const RUN_LOOK: Record<
  PlanRun['state'],
  { tone: 'info' | 'good' | 'bad' | 'warn'; title: (run: PlanRun) => string }
> = {
  running: { tone: 'info', title: (run) => `Running wave ${run.wave + 1} of ${run.waves}` },
  done: {
    tone: 'good',
    title: (run) => `Done: ${run.targets.length} workloads restarted and their new pods are as expected`,
  },
  failed: { tone: 'bad', title: (run) => `Stopped at wave ${run.wave + 1} of ${run.waves}` },
  cancelled: { tone: 'warn', title: () => 'Cancelled' },
};

function TargetRow({ target }: { target: PlanRunTarget }) {
  return (
    <li
      className="flex flex-wrap items-baseline gap-x-3 gap-y-0.5 px-4 py-1.5 text-[13px]"
      data-testid="run-target"
      data-state={target.state}
      data-namespace={target.namespace}
      data-name={target.name}
    >
      <Badge tone={TARGET_TONE[target.state]}>{target.state}</Badge>
      <span className="font-mono text-xs">
        {target.namespace}/{workloadLabel(target)}
      </span>
      <span className="text-xs text-zinc-500 dark:text-zinc-400">{target.pods} pods to fix</span>
      {target.reason && (
        <p className="basis-full text-xs text-zinc-700 dark:text-zinc-300" data-testid="run-target-reason">
          {target.reason}
        </p>
      )}
    </li>
  );
}

/** The server's run: each wave, each workload's state, why it stopped; Cancel while it runs. */
export function PlanRunPanel({ run }: { run: PlanRun }) {
  const { cancelRestartPlan } = useMeshActions();
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const look = RUN_LOOK[run.state];
  const waves = Array.from({ length: run.waves }, (_, i) => run.targets.filter((t) => t.wave === i));
  async function cancel() {
    setBusy(true);
    setError(null);
    try {
      await cancelRestartPlan(run.id);
    } catch (err) {
      setError(err as ApiError);
    } finally {
      setBusy(false);
    }
  }
  return (
    <Card>
      <CardHeader
        title="Current run"
        description={
          <>
            Started <RelativeTime iso={run.startedAt} /> by {run.by}, {run.waveSize} workload
            {run.waveSize === 1 ? '' : 's'} at a time
            {run.finishedAt && (
              <>
                , finished <RelativeTime iso={run.finishedAt} />
              </>
            )}
          </>
        }
        actions={
          run.state === 'running' && (
            <Button variant="danger" busy={busy} onClick={() => void cancel()} data-action="cancel-plan">
              Cancel plan
            </Button>
          )
        }
      />
      <div className="space-y-3 p-4" data-testid="plan-run" data-state={run.state}>
        <Callout tone={look.tone} title={look.title(run)} testId="plan-run-state">
          {run.reason && <p data-testid="plan-run-reason">{run.reason}</p>}
          {run.state === 'running' && (
            <p>
              The next wave starts when every rollout of this one is complete and its new pods are as
              expected.
            </p>
          )}
        </Callout>
        {error && <ErrorCallout error={error} prefix="Cannot cancel" />}
        {waves.map((wave, i) => (
          <section key={i} aria-label={`Wave ${i + 1}`} data-testid="run-wave">
            <h3 className="px-4 text-[11px] font-semibold tracking-wide text-zinc-500 uppercase dark:text-zinc-400">
              Wave {i + 1}
            </h3>
            <ul className="divide-y divide-zinc-100 dark:divide-zinc-800">
              {wave.map((t) => (
                <TargetRow key={`${t.namespace}/${t.kind}/${t.name}`} target={t} />
              ))}
            </ul>
          </section>
        ))}
      </div>
    </Card>
  );
}
