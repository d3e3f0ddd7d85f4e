'use client';

import { useState } from 'react';
import useSWR from 'swr';
import { useOpening } from '@/lib/ui/use-opening';
import type { NamespaceResponse, RestartResponse, WorkloadRef } from '@/lib/api/dto';
import { Button } from '@/components/ui/button';
import { Callout } from '@/components/ui/callout';
import { ErrorCallout } from '@/components/ui/error-callout';
import { RestartIcon } from '@/components/ui/icons';
import { Spinner } from '@/components/ui/spinner';
import { useRollouts } from '@/components/rollout/rollout-provider';
import { isForceable } from '@/lib/ui/api-error';
import { apiPaths } from '@/lib/ui/api-paths';
import { fetchJson } from '@/lib/ui/fetcher';
import { plural, workloadLabel } from '@/lib/ui/format';
import { useInjectorProbe } from '@/lib/ui/use-api';
import { useMeshActions } from '@/lib/ui/use-mesh-actions';
import { ForceConfirm } from './force-confirm';
import { NotReplacedList } from './not-replaced-list';
import { RestartPreviewTable } from './restart-preview-table';

export interface RestartScope {
  namespace: string;
  /** One workload; without it, every affected workload of the namespace. */
  workload?: WorkloadRef;
}

/**
 * Asks the server for a dry run first and lists what would restart; only the confirm button touches the
 * cluster. Then the rollout is followed from the tray.
 */
export function RestartPlan({
  scope,
  onStarted,
  onCancel,
}: {
  scope: RestartScope;
  onStarted: () => void;
  onCancel: () => void;
}) {
  const { restartWorkload, restartNamespace } = useMeshActions();
  const { follow } = useRollouts();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  // The second confirmation for a guarded namespace or a restart the engine says cannot work.
  const [force, setForce] = useState(false);
  const { workload, namespace } = scope;
  const { data: probe } = useInjectorProbe();

  const opening = useOpening();
  const preview = useSWR<RestartResponse>(
    ['restart-dry-run', opening, namespace, workload?.kind ?? '', workload?.name ?? '', force ? 'force' : ''],
    () => (workload ? restartWorkload(workload, true, force) : restartNamespace(namespace, true, force)),
    { revalidateOnFocus: false, revalidateIfStale: false, shouldRetryOnError: false, refreshInterval: 0 },
  );
  // The refusal stays on screen once forced, so the user sees what they are overriding (and can undo it).
  const [refusal, setRefusal] = useState<unknown>(null);
  if (isForceable(preview.error) && refusal !== preview.error) setRefusal(preview.error);
  const planned = preview.data?.results.filter((result) => result.result === 'done') ?? [];

  async function confirm() {
    setBusy(true);
    setFailure(null);
    try {
      // The pods that exist now are the "old" ones the rollout must replace.
      const before = await fetchJson<NamespaceResponse>(apiPaths.namespace(namespace));
      const response = workload
        ? await restartWorkload(workload, false, force)
        : await restartNamespace(namespace, false, force);
      follow({
        namespace,
        podsBefore: before.pods.map((pod) => pod.uid),
        targets: response.results.map(({ kind, name, pods, result, why }) => ({
          kind,
          name,
          pods,
          result,
          why,
        })),
      });
      onStarted();
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  }

  const label =
    workload && planned.length === 1
      ? `Restart ${workloadLabel(workload)}`
      : `Restart ${plural(planned.length, 'workload')}`;

  return (
    <div className="space-y-3" data-testid="restart-plan">
      {preview.isLoading && (
        <p className="flex items-center gap-2 text-zinc-600 dark:text-zinc-400" role="status">
          <Spinner /> Asking the cluster for a dry run…
        </p>
      )}
      {probe?.probe.banner && (
        <Callout tone="bad" testId="restart-probe-warning" title={probe.probe.sentence}>
          <p>{probe.probe.banner}</p>
        </Callout>
      )}
      {refusal !== null && <ForceConfirm error={refusal} forced={force} onForce={setForce} what="restart" />}
      {preview.error && !isForceable(preview.error) && (
        <ErrorCallout error={preview.error} prefix="Dry run failed" />
      )}
      {preview.data && (
        <>
          <p className="text-zinc-700 dark:text-zinc-300">
            Dry run: nothing has changed yet. A rollout restart replaces each workload&apos;s pods gradually,
            the way <code className="font-mono text-xs">kubectl rollout restart</code> does.
          </p>
          <RestartPreviewTable results={preview.data.results} />
          <NotReplacedList items={preview.data.notReplaced ?? []} />
        </>
      )}
      {failure !== null && <ErrorCallout error={failure} prefix="Restart failed" />}
      <div className="flex justify-end gap-2 pt-1">
        <Button onClick={onCancel}>Not now</Button>
        <Button
          variant={force ? 'danger' : 'primary'}
          icon={<RestartIcon className="size-3.5" />}
          busy={busy}
          blockedReason={
            refusal !== null && !force
              ? 'Refused by meshwatch: confirm above to override.'
              : preview.data && planned.length === 0
                ? 'The dry run found nothing to restart.'
                : !preview.data
                  ? 'Waiting for the dry run.'
                  : null
          }
          onClick={() => void confirm()}
          data-testid="confirm-restart"
        >
          {label}
        </Button>
      </div>
    </div>
  );
}
