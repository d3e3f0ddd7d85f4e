'use client';

import { useMemo, useState } from 'react';
import type { PlanTargetRow, RestartPlanResponse, RestartPlanStartResponse } from '@/lib/api/dto';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Callout } from '@/components/ui/callout';
import { Card, CardHeader } from '@/components/ui/card';
import { CommandBlock } from '@/components/ui/command-block';
import { ErrorCallout } from '@/components/ui/error-callout';
import { RestartIcon } from '@/components/ui/icons';
import { SearchInput } from '@/components/ui/search-input';
import { PageSkeleton } from '@/components/ui/skeleton';
import type { ApiError } from '@/lib/ui/api-error';
import { plural, workloadLabel } from '@/lib/ui/format';
import { namespaceRestartBlockedReason } from '@/lib/ui/permissions';
import { useCapabilities, useRestartPlan } from '@/lib/ui/use-api';
import { useMeshActions } from '@/lib/ui/use-mesh-actions';
import { PlanRunPanel } from './plan-run-panel';

function groupByNamespace<T extends { namespace: string }>(rows: readonly T[]): [string, T[]][] {
  const groups = new Map<string, T[]>();
  for (const row of rows) groups.set(row.namespace, [...(groups.get(row.namespace) ?? []), row]);
  return [...groups];
}

function statusesOf(t: PlanTargetRow): string {
  return Object.entries(t.statuses)
    .map(([status, n]) => `${n} ${status}`)
    .join(', ');
}

function commandsOf(targets: readonly PlanTargetRow[]): string {
  return targets
    .map((t) => `kubectl rollout restart ${t.kind.toLowerCase()}/${t.name} -n ${t.namespace}`)
    .join('\n');
}

/** Every workload a restart fixes, cluster-wide; run it in waves, followed here and on the server. */
export function RestartPlanView() {
  const { data, error, mutate } = useRestartPlan();
  if (!data) {
    if (error)
      return (
        <ErrorCallout
          error={error}
          prefix="Cannot load the restart plan"
          actions={<Button onClick={() => void mutate()}>Retry</Button>}
        />
      );
    return <PageSkeleton label="Loading the restart plan" />;
  }
  return <PlanBody data={data} />;
}

function PlanBody({ data }: { data: RestartPlanResponse }) {
  const capabilities = useCapabilities();
  const { runRestartPlan } = useMeshActions();
  const [query, setQuery] = useState('');
  const [excluded, setExcluded] = useState<ReadonlySet<string>>(new Set());
  const [waveSize, setWaveSize] = useState(1);
  const [confirmed, setConfirmed] = useState(false);
  const [preview, setPreview] = useState<RestartPlanStartResponse | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState<'preview' | 'start' | null>(null);

  const groups = useMemo(() => groupByNamespace(data.targets), [data.targets]);
  const shownGroups = groups.filter(([namespace]) => namespace.includes(query.trim()));
  const chosen = groups.filter(([namespace]) => !excluded.has(namespace)).map(([namespace]) => namespace);
  const chosenTargets = data.targets.filter((t) => !excluded.has(t.namespace));
  const refusals = data.refusals.filter((r) => !excluded.has(r.namespace));
  const running = data.run?.state === 'running';
  const blocked =
    namespaceRestartBlockedReason(capabilities, chosenTargets.length) ??
    (running ? 'A plan is running: cancel it or wait for it to finish.' : null) ??
    (refusals.length > 0 && !confirmed ? 'Confirm the warnings above first.' : null);

  const toggle = (namespace: string) => {
    setPreview(null);
    setExcluded((current) => {
      const next = new Set(current);
      if (next.has(namespace)) next.delete(namespace);
      else next.add(namespace);
      return next;
    });
  };

  async function send(dryRun: boolean) {
    setBusy(dryRun ? 'preview' : 'start');
    setError(null);
    try {
      const namespaces = chosen.length === groups.length ? undefined : chosen;
      const response = await runRestartPlan({
        ...(namespaces ? { namespaces } : {}),
        waveSize,
        dryRun,
        ...(refusals.length > 0 ? { force: true } : {}),
      });
      setPreview(dryRun ? response : null);
    } catch (err) {
      setError(err as ApiError);
    } finally {
      setBusy(null);
    }
  }

  const waves = Math.ceil(chosenTargets.length / waveSize);
  return (
    <div className="space-y-4" data-testid="restart-plan-page">
      <div>
        <h1 className="text-xl font-semibold tracking-tight">Restart plan</h1>
        <p className="text-[13px] text-zinc-600 dark:text-zinc-400">
          Every workload whose pods a restart would fix (missing, unwanted or outdated proxy), cluster-wide.
          It runs in waves: the next starts only when every rollout of the last is complete and its new pods
          are meshed as expected; the first failure stops it. The server runs it, so a reload or another tab
          sees the same progress.
        </p>
      </div>

      {data.run && <PlanRunPanel run={data.run} />}

      <Card>
        <CardHeader
          title="Workloads to restart"
          description={`${plural(chosenTargets.length, 'workload')} in ${plural(chosen.length, 'namespace')} · ${plural(waves, 'wave')}`}
          actions={
            <>
              <SearchInput
                value={query}
                onChange={setQuery}
                label="Filter namespaces"
                placeholder="Filter namespaces"
              />
              <label className="flex items-center gap-1.5 text-[13px]">
                Workloads at a time
                <input
                  type="number"
                  min={1}
                  max={20}
                  value={waveSize}
                  onChange={(event) => {
                    setPreview(null);
                    setWaveSize(Math.max(1, Math.min(20, Number(event.target.value) || 1)));
                  }}
                  className="h-7 w-14 rounded-md px-2 text-[13px] ring-1 ring-zinc-300 dark:bg-zinc-900 dark:ring-zinc-700"
                />
              </label>
            </>
          }
        />
        {data.targets.length === 0 ? (
          <p className="p-4 text-[13px] text-zinc-600 dark:text-zinc-400" data-testid="plan-empty">
            No workload needs a restart: every pod has the proxy it should have (or a restart cannot change it
            — see the skipped list).
          </p>
        ) : (
          <ul className="divide-y divide-zinc-100 dark:divide-zinc-800">
            {shownGroups.map(([namespace, targets]) => (
              <li
                key={namespace}
                className="px-4 py-2"
                data-testid="plan-namespace"
                data-namespace={namespace}
              >
                <label className="flex items-center gap-2 text-[13px] font-medium">
                  <input
                    type="checkbox"
                    checked={!excluded.has(namespace)}
                    onChange={() => toggle(namespace)}
                    aria-label={`Include ${namespace}`}
                  />
                  {namespace}
                  <span className="font-normal text-zinc-500 dark:text-zinc-400">
                    {plural(targets.length, 'workload')}
                  </span>
                </label>
                <ul className="mt-1 space-y-0.5 pl-6">
                  {targets.map((t) => (
                    <li
                      key={`${t.kind}/${t.name}`}
                      className="flex flex-wrap gap-x-3 text-[13px]"
                      data-testid="plan-target"
                      data-namespace={t.namespace}
                      data-name={t.name}
                    >
                      <span className="font-mono text-xs">{workloadLabel(t)}</span>
                      <span className="text-xs text-zinc-500 dark:text-zinc-400">{statusesOf(t)}</span>
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        )}
        <div className="space-y-3 border-t border-zinc-200 p-4 dark:border-zinc-800">
          {refusals.length > 0 && (
            <Callout tone="warn" title="meshwatch asks for a second confirmation" testId="plan-refusals">
              <ul className="list-disc space-y-0.5 pl-4">
                {refusals.map((r) => (
                  <li key={`${r.namespace}/${r.code}`}>
                    <span className="font-mono text-xs">{r.namespace}</span>: {r.message}
                  </li>
                ))}
              </ul>
              <label className="mt-1 flex items-center gap-2 font-medium">
                <input type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} />
                Run the plan anyway
              </label>
            </Callout>
          )}
          {error && <ErrorCallout error={error} prefix="The plan was refused" />}
          {preview && (
            <Callout
              tone="info"
              title={`Dry run: ${plural(preview.waves.length, 'wave')}, nothing changed`}
              testId="plan-preview"
            >
              <ol className="list-decimal space-y-0.5 pl-5">
                {preview.waves.map((wave, i) => (
                  <li key={i}>{wave.map((t) => `${t.namespace}/${workloadLabel(t)}`).join(', ')}</li>
                ))}
              </ol>
              {preview.results?.some((r) => r.result === 'failed') && (
                <ul className="text-rose-800 dark:text-rose-300" data-testid="plan-preview-failures">
                  {preview.results
                    .filter((r) => r.result === 'failed')
                    .map((r) => (
                      <li key={`${r.namespace}/${r.name}`}>
                        {r.namespace}/{workloadLabel(r)}: {r.why}
                      </li>
                    ))}
                </ul>
              )}
            </Callout>
          )}
          {chosenTargets.length > 0 && (
            <CommandBlock
              label="The same, with kubectl (one wave at a time)"
              text={commandsOf(chosenTargets)}
              testId="plan-commands"
            />
          )}
          <div className="flex flex-wrap gap-2">
            <Button
              busy={busy === 'preview'}
              blockedReason={blocked}
              onClick={() => void send(true)}
              data-action="preview-plan"
            >
              Preview (dry run)
            </Button>
            <Button
              variant="primary"
              icon={<RestartIcon className="size-3.5" />}
              busy={busy === 'start'}
              blockedReason={blocked}
              onClick={() => void send(false)}
              data-action="start-plan"
            >
              Start plan: {plural(chosenTargets.length, 'workload')} in {plural(waves, 'wave')}
            </Button>
          </div>
        </div>
      </Card>

      {data.skipped.length > 0 && (
        <Card>
          <CardHeader
            title="Not restarted"
            description="A restart cannot fix these pods, or the plan never rolls them; what to do instead."
          />
          <ul className="divide-y divide-zinc-100 dark:divide-zinc-800">
            {data.skipped.map((s) => (
              <li
                key={`${s.namespace}/${s.kind}/${s.name}`}
                className="flex flex-wrap items-baseline gap-x-3 px-4 py-1.5 text-[13px]"
                data-testid="plan-skip"
                data-code={s.code}
                data-namespace={s.namespace}
                data-name={s.name}
              >
                <Badge tone="warn">{s.code.replace('_', ' ')}</Badge>
                <span className="font-mono text-xs">
                  {s.namespace}/{s.kind.toLowerCase()}/{s.name}
                </span>
                <span className="text-xs text-zinc-500 dark:text-zinc-400">{plural(s.pods, 'pod')}</span>
                <p className="basis-full text-xs text-zinc-700 dark:text-zinc-300">{s.action}</p>
              </li>
            ))}
          </ul>
        </Card>
      )}
    </div>
  );
}
