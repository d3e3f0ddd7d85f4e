'use client';

import { useState } from 'react';
import useSWR from 'swr';
import { useOpening } from '@/lib/ui/use-opening';
import type { InjectionResponse } from '@/lib/api/dto';
import { Button } from '@/components/ui/button';
import { Callout } from '@/components/ui/callout';
import { CommandBlock } from '@/components/ui/command-block';
import { Dialog } from '@/components/ui/dialog';
import { ErrorCallout } from '@/components/ui/error-callout';
import { isForceable } from '@/lib/ui/api-error';
import { ForceConfirm } from './force-confirm';
import { Spinner } from '@/components/ui/spinner';
import { useMeshActions } from '@/lib/ui/use-mesh-actions';
import { InjectionChoice, choiceKey, type InjectionChoiceValue } from './injection-choice';
import { InjectionConsequence } from './injection-consequence';
import { RestartPlan } from './restart-plan';

export interface InjectionTarget {
  namespace: string;
  current: string | undefined;
  initial: InjectionChoiceValue;
}

/**
 * Step 1: pick a value; a server dry run states the consequence. Step 2: apply. Step 3: offer to restart
 * the affected workloads, again with a dry-run list before anything happens.
 */
export function InjectionDialog({
  target,
  onClose,
}: {
  target: InjectionTarget | null;
  onClose: () => void;
}) {
  return (
    <Dialog
      open={target !== null}
      onClose={onClose}
      testId="injection-dialog"
      title={
        target ? (
          <>
            Proxy injection for <span className="font-mono">{target.namespace}</span>
          </>
        ) : (
          ''
        )
      }
      description="Changes the namespace's linkerd.io/inject annotation. Running pods keep what they have until restarted."
    >
      {target && <InjectionSteps target={target} onClose={onClose} />}
    </Dialog>
  );
}

function InjectionSteps({ target, onClose }: { target: InjectionTarget; onClose: () => void }) {
  const { setInjection } = useMeshActions();
  const [value, setValue] = useState<InjectionChoiceValue>(target.initial);
  const [applied, setApplied] = useState<InjectionResponse | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  // kube-system & co. and the Linkerd control plane: refused unless confirmed a second time (force).
  const [force, setForce] = useState(false);
  const [refusal, setRefusal] = useState<unknown>(null);
  const unchanged = (value ?? undefined) === target.current;

  const opening = useOpening();
  const preview = useSWR<InjectionResponse>(
    unchanged || applied
      ? null
      : ['injection-dry-run', opening, target.namespace, choiceKey(value), force ? 'force' : ''],
    () => setInjection(target.namespace, force ? { value, dryRun: true, force } : { value, dryRun: true }),
    { revalidateOnFocus: false, revalidateIfStale: false, shouldRetryOnError: false, refreshInterval: 0 },
  );

  async function apply() {
    setBusy(true);
    setFailure(null);
    try {
      setApplied(await setInjection(target.namespace, force ? { value, force } : { value }));
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  }

  if (applied) {
    const affected = applied.workloadsNeedingRestart;
    return (
      <div className="space-y-4" data-testid="injection-applied">
        <Callout
          tone="good"
          role="status"
          title={
            applied.value
              ? `linkerd.io/inject is now “${applied.value}” on ${target.namespace}`
              : `linkerd.io/inject removed from ${target.namespace}`
          }
        >
          New pods follow the new setting from now on.
        </Callout>
        {affected.length > 0 ? (
          <section aria-labelledby="restart-affected" className="space-y-2">
            <h3 id="restart-affected" className="text-sm font-semibold">
              Restart the {affected.length} affected {affected.length === 1 ? 'workload' : 'workloads'}?
            </h3>
            <RestartPlan scope={{ namespace: target.namespace }} onStarted={onClose} onCancel={onClose} />
          </section>
        ) : (
          <div className="space-y-3">
            <p className="text-zinc-700 dark:text-zinc-300">
              No running pod would change with a restart, so there is nothing to restart.
            </p>
            <div className="flex justify-end">
              <Button variant="primary" onClick={onClose}>
                Done
              </Button>
            </div>
          </div>
        )}
      </div>
    );
  }

  if (isForceable(preview.error) && refusal !== preview.error) setRefusal(preview.error);
  return (
    <div className="space-y-4">
      <InjectionChoice current={target.current} value={value} onChange={setValue} />
      <div aria-live="polite" className="min-h-16">
        {unchanged && (
          <p className="text-zinc-600 dark:text-zinc-400">This is the current setting: pick another value.</p>
        )}
        {preview.isLoading && (
          <p role="status" className="flex items-center gap-2 text-zinc-600 dark:text-zinc-400">
            <Spinner /> Checking the consequence with a dry run…
          </p>
        )}
        {refusal !== null && (
          <ForceConfirm error={refusal} forced={force} onForce={setForce} what="change injection here" />
        )}
        {preview.error && !isForceable(preview.error) && (
          <ErrorCallout error={preview.error} prefix="Dry run failed" />
        )}
        {preview.data && !unchanged && (
          <div className="space-y-3">
            {preview.data.namespace.gitOps && (
              <Callout tone="warn" title="Make this change in Git" testId="gitops-warning">
                <p>
                  Namespace {target.namespace} is {preview.data.namespace.gitOps.sentence}. Patching it here
                  is for emergencies only.
                </p>
              </Callout>
            )}
            <InjectionConsequence
              namespace={target.namespace}
              current={target.current}
              response={preview.data}
            />
            <CommandBlock
              label="With kubectl"
              text={preview.data.commands.join('\n')}
              testId="change-commands"
            />
            <CommandBlock label="In the manifest" text={preview.data.manifest} testId="change-manifest" />
          </div>
        )}
      </div>
      {failure !== null && <ErrorCallout error={failure} prefix="Not applied" />}
      <div className="flex justify-end gap-2">
        <Button onClick={onClose}>Cancel</Button>
        <Button
          variant="primary"
          busy={busy}
          data-testid="apply-injection"
          blockedReason={
            unchanged
              ? 'Pick a value different from the current one.'
              : refusal !== null && !force
                ? 'Refused by meshwatch: confirm above to override.'
                : !preview.data
                  ? 'Waiting for the dry run.'
                  : null
          }
          onClick={() => void apply()}
        >
          {value === null ? 'Remove annotation' : `Set to ${value}`}
        </Button>
      </div>
    </div>
  );
}
