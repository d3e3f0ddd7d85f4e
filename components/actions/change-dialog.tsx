'use client';

import { useState, type ReactNode } from 'react';
import useSWR from 'swr';
import { useOpening } from '@/lib/ui/use-opening';
import type { MetadataChangeResponse, NamespaceResponse, WorkloadRef } from '@/lib/api/dto';
import { useRollouts } from '@/components/rollout/rollout-provider';
import { apiPaths } from '@/lib/ui/api-paths';
import { fetchJson } from '@/lib/ui/fetcher';
import { Button } from '@/components/ui/button';
import { Callout } from '@/components/ui/callout';
import { Dialog } from '@/components/ui/dialog';
import { ErrorCallout } from '@/components/ui/error-callout';
import { Spinner } from '@/components/ui/spinner';
import { isForceable } from '@/lib/ui/api-error';
import { ChangePreview } from './change-preview';
import { ForceConfirm } from './force-confirm';

export interface ChangeBody {
  dryRun?: boolean;
  force?: boolean;
  resourceVersion?: string;
}

/**
 * A metadata change (workload opt-in/out, lint fix): a server dry run shows the exact change, its
 * commands and fragment; Apply sends it with the previewed resourceVersion, so a moved object is refused.
 */
export function ChangeDialog({
  open,
  title,
  description,
  previewKey,
  send,
  choice,
  applyLabel,
  blocked,
  rollout,
  onClose,
}: {
  open: boolean;
  title: ReactNode;
  description: ReactNode;
  /** Changes when the choice changes, so the dry run runs again. */
  previewKey: string;
  send: (body: ChangeBody) => Promise<MetadataChangeResponse>;
  choice?: ReactNode;
  applyLabel: string;
  /** Why Apply is off before any dry run (e.g. no value picked). */
  blocked?: string | null;
  /** The workload whose pods the change may roll: followed in the tray when the engine says it rolls now. */
  rollout?: WorkloadRef;
  onClose: () => void;
}) {
  return (
    <Dialog open={open} onClose={onClose} title={title} description={description} testId="change-dialog">
      {open && (
        <ChangeSteps
          previewKey={previewKey}
          send={send}
          choice={choice}
          applyLabel={applyLabel}
          blocked={blocked ?? null}
          rollout={rollout}
          onClose={onClose}
        />
      )}
    </Dialog>
  );
}

function ChangeSteps({
  previewKey,
  send,
  choice,
  applyLabel,
  blocked,
  rollout,
  onClose,
}: {
  previewKey: string;
  send: (body: ChangeBody) => Promise<MetadataChangeResponse>;
  choice?: ReactNode;
  applyLabel: string;
  blocked: string | null;
  rollout?: WorkloadRef;
  onClose: () => void;
}) {
  const { follow } = useRollouts();
  const [force, setForce] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const [applied, setApplied] = useState<MetadataChangeResponse | null>(null);
  const opening = useOpening();
  const preview = useSWR<MetadataChangeResponse>(
    blocked || applied ? null : ['change-dry-run', opening, previewKey, force ? 'force' : ''],
    () => send(force ? { dryRun: true, force } : { dryRun: true }),
    { revalidateOnFocus: false, revalidateIfStale: false, shouldRetryOnError: false, refreshInterval: 0 },
  );

  async function apply() {
    if (!preview.data) return;
    setBusy(true);
    setFailure(null);
    try {
      const body: ChangeBody = { resourceVersion: preview.data.resourceVersion };
      // The pods that exist now are the "old" ones a template change rolls away.
      const before = rollout
        ? await fetchJson<NamespaceResponse>(apiPaths.namespace(rollout.namespace))
        : undefined;
      const done = await send(force ? { ...body, force } : body);
      setApplied(done);
      if (rollout && before && done.changed && done.consequence?.effect === 'rolls-now') {
        const pods =
          before.workloads.find((w) => w.kind === rollout.kind && w.name === rollout.name)?.pods ?? 0;
        follow({
          namespace: rollout.namespace,
          podsBefore: before.pods.map((pod) => pod.uid),
          targets: [{ kind: rollout.kind, name: rollout.name, pods, result: 'done' }],
        });
      }
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  }

  if (applied) {
    return (
      <div className="space-y-3" data-testid="change-applied">
        <Callout tone="good" role="status" title="Done">
          <p>{applied.summary}</p>
          {applied.consequence && <p>{applied.consequence.sentence}</p>}
        </Callout>
        <div className="flex justify-end">
          <Button variant="primary" onClick={onClose}>
            Close
          </Button>
        </div>
      </div>
    );
  }

  const forceable = isForceable(preview.error);
  return (
    <div className="space-y-4">
      {choice}
      <div aria-live="polite" className="min-h-16 space-y-3">
        {blocked && <p className="text-zinc-600 dark:text-zinc-400">{blocked}</p>}
        {preview.isLoading && (
          <p role="status" className="flex items-center gap-2 text-zinc-600 dark:text-zinc-400">
            <Spinner /> Checking the change with a dry run…
          </p>
        )}
        {forceable && (
          <ForceConfirm error={preview.error} forced={force} onForce={setForce} what="change it here" />
        )}
        {preview.error && !forceable && <ErrorCallout error={preview.error} prefix="Dry run failed" />}
        {preview.data && <ChangePreview preview={preview.data} />}
      </div>
      {failure !== null && <ErrorCallout error={failure} prefix="Not applied" />}
      <div className="flex justify-end gap-2">
        <Button onClick={onClose}>Cancel</Button>
        <Button
          variant={preview.data?.gitOps ? 'danger' : 'primary'}
          busy={busy}
          data-testid="apply-change"
          blockedReason={
            blocked ??
            (!preview.data
              ? 'Waiting for the dry run.'
              : !preview.data.changed
                ? 'Nothing would change.'
                : null)
          }
          onClick={() => void apply()}
        >
          {preview.data?.gitOps ? `${applyLabel} anyway` : applyLabel}
        </Button>
      </div>
    </div>
  );
}
