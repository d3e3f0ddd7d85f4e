import type { InjectionResponse } from '@/lib/api/dto';
import { Callout } from '@/components/ui/callout';
import { workloadLabel } from '@/lib/ui/format';
import { choiceEffect } from './injection-choice';

/** The dry run's answer in one sentence: how many running pods stay as they are until restarted. */
export function InjectionConsequence({
  namespace,
  current,
  response,
}: {
  namespace: string;
  current: string | undefined;
  response: InjectionResponse;
}) {
  const affected = response.workloadsNeedingRestart;
  const pods = affected.reduce((sum, workload) => sum + workload.pods, 0);
  const sentence =
    affected.length === 0
      ? 'No running pod is affected: nothing will need a restart.'
      : `${pods} running ${pods === 1 ? 'pod' : 'pods'} in ${affected.length} ${affected.length === 1 ? 'workload' : 'workloads'} will not change until restarted.`;
  return (
    <Callout tone={affected.length > 0 ? 'warn' : 'info'} title={sentence} testId="injection-consequence">
      <p>
        <code className="font-mono text-xs">
          {namespace}: linkerd.io/inject {current ?? '(not set)'} → {response.value ?? '(removed)'}
        </code>
        . {choiceEffect(response.value)}
      </p>
      {affected.length > 0 && (
        <p className="font-mono text-xs">
          {affected.map((workload) => `${workloadLabel(workload)} (${workload.pods})`).join(', ')}
        </p>
      )}
    </Callout>
  );
}
