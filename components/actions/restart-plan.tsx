'use client';

import { useState } from 'react';
import useSWR from 'swr';
import type { NamespaceResponse, RestartResponse, WorkloadRef } from '@/lib/api/dto';
import { Button } from '@/components/ui/button';
import { ErrorCallout } from '@/components/ui/error-callout';
import { RestartIcon } from '@/components/ui/icons';
import { Spinner } from '@/components/ui/spinner';
import { useRollouts } from '@/components/rollout/rollout-provider';
import { apiPaths } from '@/lib/ui/api-paths';
import { fetchJson } from '@/lib/ui/fetcher';
import { plural, workloadLabel } from '@/lib/ui/format';
import { useMeshActions } from '@/lib/ui/use-mesh-actions';
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
  const { workload, namespace } = scope;

  const preview = useSWR<RestartResponse>(
    ['restart-dry-run', namespace, workload?.kind ?? '', workload?.name ?? ''],
    () => (workload ? restartWorkload(workload, true) : restartNamespace(namespace, true)),
    { revalidateOnFocus: false, revalidateIfStale: false, shouldRetryOnError: false, refreshInterval: 0 },
  );
  const planned = preview.data?.results.filter((result) => result.result === 'done') ?? [];

  async function confirm() {
    setBusy(true);
    setFailure(null);
    try {
      // The pods that exist now are the "old" ones the rollout must replace.
      const before = await fetchJson<NamespaceResponse>(apiPaths.namespace(namespace));
      const response = workload
        ? await restartWorkload(workload, false)
        : await restartNamespace(namespace, false);
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
      {preview.error && <ErrorCallout error={preview.error} prefix="Dry run failed" />}
      {preview.data && (
        <>
          <p className="text-zinc-700 dark:text-zinc-300">
            Dry run: nothing has changed yet. A rollout restart replaces each workload&apos;s pods gradually,
            the way <code className="font-mono text-xs">kubectl rollout restart</code> does.
          </p>
          <RestartPreviewTable results={preview.data.results} />
        </>
      )}
      {failure !== null && <ErrorCallout error={failure} prefix="Restart failed" />}
      <div className="flex justify-end gap-2 pt-1">
        <Button onClick={onCancel}>Not now</Button>
        <Button
          variant="primary"
          icon={<RestartIcon className="size-3.5" />}
          busy={busy}
          blockedReason={
            preview.data && planned.length === 0
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
