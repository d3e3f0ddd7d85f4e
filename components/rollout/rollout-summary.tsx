import type { Reason } from '@/lib/api/dto';
import { Callout } from '@/components/ui/callout';
import { sentence } from '@/lib/ui/format';
import type { TargetProgress } from '@/lib/ui/rollout';

export interface Summary {
  tone: 'good' | 'warn' | 'bad';
  title: string;
  lines: string[];
  reasons: Reason[];
}

/** One plain sentence for the whole rollout, from the engine's statuses and reasons for the new pods. */
export function summarize(progress: TargetProgress[]): Summary {
  const done = progress.filter((item) => item.phase === 'done');
  const failed = progress.filter((item) => item.phase === 'failed');
  const skipped = progress.filter((item) => item.phase === 'skipped');
  const stalled = progress.filter((item) => item.phase === 'stalled');
  const pods = done.reduce((sum, item) => sum + item.newPods, 0);
  const reasons = [
    ...new Map(done.flatMap((item) => item.reasons).map((reason) => [reason.code, reason])).values(),
  ];
  const lines: string[] = [];
  if (skipped.length > 0)
    lines.push(`${skipped.length} skipped: ${skipped.map((item) => item.why ?? item.name).join('; ')}`);
  if (failed.length > 0)
    lines.push(`${failed.length} failed: ${failed.map((item) => item.why ?? item.name).join('; ')}`);

  if (stalled.length > 0) {
    for (const item of stalled) {
      const first = item.problems[0];
      lines.push(
        first
          ? `${item.kind} ${item.name}: ${first.reason}: ${first.message}`
          : `${item.kind} ${item.name}: no new pod became ready and the controllers report no error; look at its pods and events.`,
      );
    }
    return {
      tone: 'bad',
      title: `The rollout stalled: ${stalled.map((i) => `${i.kind} ${i.name}`).join(', ')}`,
      lines,
      reasons,
    };
  }
  const outcomes = new Set(done.map((item) => item.outcome));
  const podsWord = `${pods} new ${pods === 1 ? 'pod' : 'pods'}`;
  if (failed.length > 0)
    return { tone: 'bad', title: 'The restart did not go through everywhere', lines, reasons };
  if (done.length === 0) return { tone: 'warn', title: 'Nothing was restarted', lines, reasons };
  if (outcomes.size === 1 && outcomes.has('meshed')) {
    return { tone: 'good', title: `Restart complete: ${podsWord} meshed, proxies ready`, lines, reasons };
  }
  if (outcomes.size === 1 && outcomes.has('unmeshed-as-configured')) {
    return {
      tone: 'good',
      title: `Restart complete: ${podsWord} running without a proxy, as configured`,
      lines,
      reasons,
    };
  }
  if (outcomes.has('still-needs-restart')) {
    lines.unshift(
      'The injector did not change the new pods; see the reasons below and the pod explanations.',
    );
    return {
      tone: 'warn',
      title: `Restart complete, but the ${podsWord} are still not as configured`,
      lines,
      reasons,
    };
  }
  return { tone: 'warn', title: `Restart complete: ${podsWord} running, but not meshed`, lines, reasons };
}

export function RolloutSummary({ summary }: { summary: Summary }) {
  return (
    <div className="border-t border-zinc-100 p-3 dark:border-zinc-800">
      <Callout tone={summary.tone} title={summary.title} testId="rollout-summary">
        {summary.lines.map((line) => (
          <p key={line}>{line}</p>
        ))}
        {summary.reasons.map((reason) => (
          <p key={reason.code}>
            <span className="font-medium">Why:</span> {sentence(reason.message)}{' '}
            <span className="font-medium">Fix:</span> {sentence(reason.fix)}
          </p>
        ))}
      </Callout>
    </div>
  );
}
