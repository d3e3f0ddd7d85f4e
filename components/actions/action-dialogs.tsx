'use client';

import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import { InjectionDialog, type InjectionTarget } from './injection-dialog';
import { RestartDialog } from './restart-dialog';
import {
  LintFixDialog,
  WorkloadInjectionDialog,
  type LintFixTarget,
  type WorkloadInjectionTarget,
} from './workload-change-dialogs';
import type { RestartScope } from './restart-plan';

interface ActionDialogs {
  openInjection: (target: InjectionTarget) => void;
  openRestart: (scope: RestartScope) => void;
  openWorkloadInjection: (target: WorkloadInjectionTarget) => void;
  openLintFix: (target: LintFixTarget) => void;
}

const ActionDialogsContext = createContext<ActionDialogs | null>(null);

/**
 * One instance of each action dialog for the whole app: a button inside a virtualised row may scroll
 * away (and unmount) while its dialog is open, so the dialogs cannot live in the rows.
 */
export function ActionDialogsProvider({ children }: { children: ReactNode }) {
  const [injection, setInjection] = useState<InjectionTarget | null>(null);
  const [restart, setRestart] = useState<RestartScope | null>(null);
  const [workloadInjection, setWorkloadInjection] = useState<WorkloadInjectionTarget | null>(null);
  const [lintFix, setLintFix] = useState<LintFixTarget | null>(null);
  const value = useMemo(
    () => ({
      openInjection: setInjection,
      openRestart: setRestart,
      openWorkloadInjection: setWorkloadInjection,
      openLintFix: setLintFix,
    }),
    [],
  );
  return (
    <ActionDialogsContext value={value}>
      {children}
      <InjectionDialog target={injection} onClose={() => setInjection(null)} />
      <RestartDialog scope={restart} onClose={() => setRestart(null)} />
      <WorkloadInjectionDialog target={workloadInjection} onClose={() => setWorkloadInjection(null)} />
      <LintFixDialog target={lintFix} onClose={() => setLintFix(null)} />
    </ActionDialogsContext>
  );
}

export function useActionDialogs(): ActionDialogs {
  const value = useContext(ActionDialogsContext);
  if (!value) throw new Error('useActionDialogs needs <ActionDialogsProvider>');
  return value;
}
