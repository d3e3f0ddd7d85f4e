import type { RestartResult } from '@/lib/api/dto';
import { Badge } from '@/components/ui/badge';
import { CommandBlock } from '@/components/ui/command-block';
import { restartCommand } from '@/lib/mesh/commands';
import { workloadLabel } from '@/lib/ui/format';

/** The dry run's answer: workload, pods, and whether it would restart. */
export function RestartPreviewTable({ results }: { results: readonly RestartResult[] }) {
  if (results.length === 0) {
    return <p className="text-zinc-600 dark:text-zinc-400">The server found no workload to restart.</p>;
  }
  const planned = results.filter((result) => result.result === 'done');
  const pods = planned.reduce((sum, result) => sum + result.pods, 0);
  const commands = planned
    .map((result) => restartCommand(result.kind, result.namespace, result.name))
    .filter((command): command is string => command !== undefined);
  return (
    <div className="space-y-3">
      <div className="overflow-hidden rounded-md ring-1 ring-zinc-200 dark:ring-zinc-800">
        <table className="w-full text-[13px]" data-testid="restart-preview">
          <caption className="sr-only">Workloads the restart would act on</caption>
          <thead className="bg-zinc-50 text-left text-[11px] tracking-wide text-zinc-500 uppercase dark:bg-zinc-950/40 dark:text-zinc-400">
            <tr>
              <th scope="col" className="px-3 py-1.5 font-semibold">
                Workload
              </th>
              <th scope="col" className="px-3 py-1.5 text-right font-semibold">
                Pods
              </th>
              <th scope="col" className="px-3 py-1.5 font-semibold">
                Plan
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
            {results.map((result) => (
              <tr key={`${result.kind}/${result.name}`}>
                <td className="px-3 py-1.5 font-mono text-xs">{workloadLabel(result)}</td>
                <td className="px-3 py-1.5 text-right tabular-nums">{result.pods}</td>
                <td className="px-3 py-1.5">
                  {result.result === 'done' ? (
                    <Badge tone="info">restart</Badge>
                  ) : (
                    <span className="inline-flex items-center gap-1.5">
                      <Badge tone={result.result === 'failed' ? 'bad' : 'neutral'}>
                        {result.result === 'failed' ? 'would fail' : 'skip'}
                      </Badge>
                      <span className="text-zinc-600 dark:text-zinc-400">{result.why}</span>
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot className="bg-zinc-50 text-zinc-600 dark:bg-zinc-950/40 dark:text-zinc-400">
            <tr>
              <td colSpan={3} className="px-3 py-1.5 text-xs">
                {pods} {pods === 1 ? 'pod' : 'pods'} would be replaced.
              </td>
            </tr>
          </tfoot>
        </table>
      </div>
      {commands.length > 0 && (
        <CommandBlock label="With kubectl" text={commands.join('\n')} testId="restart-commands" />
      )}
    </div>
  );
}
