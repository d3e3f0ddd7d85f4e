'use client';

import { useState } from 'react';
import type { FixableLint, InjectValue, Lint, WorkloadRef } from '@/lib/api/dto';
import { INJECT_VALUES } from '@/lib/mesh/annotations';
import { workloadLabel } from '@/lib/ui/format';
import { useMeshActions } from '@/lib/ui/use-mesh-actions';
import { ChangeDialog } from './change-dialog';
import { InjectionChoice, choiceKey, type InjectionChoiceValue } from './injection-choice';

export interface WorkloadInjectionTarget extends WorkloadRef {
  /** The pod template's `linkerd.io/inject` now, if any. */
  current: string | undefined;
}

export function WorkloadInjectionDialog({
  target,
  onClose,
}: {
  target: WorkloadInjectionTarget | null;
  onClose: () => void;
}) {
  const [opened, setOpened] = useState<WorkloadInjectionTarget | null>(null);
  const [value, setValue] = useState<InjectionChoiceValue>('enabled');
  // Each opening starts from the opposite of what the template says now.
  if (target !== opened) {
    setOpened(target);
    if (target) setValue(target.current === 'enabled' ? 'disabled' : 'enabled');
  }
  const { setWorkloadInjection } = useMeshActions();
  return (
    <ChangeDialog
      open={target !== null}
      onClose={onClose}
      title={
        target ? (
          <>
            Proxy injection for <span className="font-mono">{workloadLabel(target)}</span>
          </>
        ) : (
          ''
        )
      }
      description="Changes linkerd.io/inject on the pod template, which the injector reads for every new pod."
      previewKey={target ? `${workloadLabel(target)}/${choiceKey(value)}` : ''}
      send={(body) => setWorkloadInjection(target!, { value, ...body })}
      choice={<InjectionChoice current={target?.current} value={value} onChange={setValue} />}
      applyLabel={value === null ? 'Remove from template' : `Set to ${value}`}
      rollout={target ? { namespace: target.namespace, kind: target.kind, name: target.name } : undefined}
    />
  );
}

/** Lints whose fix the value picks: the value found is invalid, or there is none to carry over. */
const VALUE_CHOICES: readonly InjectValue[] = INJECT_VALUES;

export interface LintFixTarget {
  lint: Lint & { code: FixableLint };
}

export function LintFixDialog({ target, onClose }: { target: LintFixTarget | null; onClose: () => void }) {
  const { fixLint } = useMeshActions();
  const [value, setValue] = useState<InjectValue | undefined>(undefined);
  const lint = target?.lint;
  const needsValue = lint?.code === 'invalid_inject_value';
  return (
    <ChangeDialog
      open={target !== null}
      onClose={() => {
        setValue(undefined);
        onClose();
      }}
      title={lint ? <>Fix: {lint.fix}</> : ''}
      description={lint?.message}
      previewKey={lint ? `${workloadLabel(lint.target)}/${lint.code}/${value ?? ''}` : ''}
      send={(body) => fixLint(lint!.target, { code: lint!.code, ...(value ? { value } : {}), ...body })}
      blocked={needsValue && !value ? 'Pick the value to set.' : null}
      choice={
        <fieldset className="flex flex-wrap items-center gap-3">
          <legend className="mb-1 text-xs font-semibold text-zinc-600 dark:text-zinc-400">
            Value of <code className="font-mono">linkerd.io/inject</code>
            {needsValue ? '' : ' (optional: default keeps the value found)'}
          </legend>
          {VALUE_CHOICES.map((choice) => (
            <label key={choice} className="flex items-center gap-1.5 font-mono text-xs">
              <input
                type="radio"
                name="lint-fix-value"
                checked={value === choice}
                onChange={() => setValue(choice)}
                className="accent-teal-700 dark:accent-teal-400"
              />
              {choice}
            </label>
          ))}
        </fieldset>
      }
      applyLabel="Apply fix"
    />
  );
}
