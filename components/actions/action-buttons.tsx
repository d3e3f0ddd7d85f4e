'use client';

import type { ActionVerdict, Restartability, WorkloadKind } from '@/lib/api/dto';
import { Button } from '@/components/ui/button';
import { PlugIcon, RestartIcon } from '@/components/ui/icons';
import { plural, workloadLabel } from '@/lib/ui/format';
import {
  cannotHelpReason,
  injectionBlockedReason,
  namespaceRestartBlockedReason,
  workloadRestartBlockedReason,
} from '@/lib/ui/permissions';
import { useCapabilities } from '@/lib/ui/use-api';
import { useActionDialogs } from './action-dialogs';

// A snapshot (MESHWATCH_SNAPSHOT) has nothing to act on: the buttons are not drawn at all.
type Size = 'xs' | 'sm';

export function InjectionButton({
  namespace,
  current,
  verdict,
  size = 'xs',
  label = 'Injection…',
}: {
  namespace: string;
  current: string | undefined;
  /** The engine's word: off with its reason where a change cannot help (kube-system, the control plane). */
  verdict: ActionVerdict;
  size?: Size;
  label?: string;
}) {
  const capabilities = useCapabilities(namespace);
  const { openInjection } = useActionDialogs();
  if (capabilities.data?.snapshot) return null;
  const initial = current === 'enabled' ? 'disabled' : 'enabled';
  return (
    <Button
      size={size}
      icon={<PlugIcon className="size-3.5" />}
      blockedReason={injectionBlockedReason(capabilities) ?? cannotHelpReason(verdict)}
      onClick={() => openInjection({ namespace, current, initial })}
      data-action="injection"
      aria-label={`Change proxy injection for ${namespace}`}
    >
      {label}
    </Button>
  );
}

export function RestartWorkloadButton({
  workload,
  size = 'xs',
}: {
  workload: {
    namespace: string;
    kind: WorkloadKind;
    name: string;
    restart: Restartability;
    /** The engine's word: off with its reason where a restart cannot help (hostNetwork, nothing to fix). */
    restartVerdict: ActionVerdict;
  };
  size?: Size;
}) {
  const capabilities = useCapabilities(workload.namespace);
  const { openRestart } = useActionDialogs();
  if (capabilities.data?.snapshot) return null;
  const { namespace, kind, name } = workload;
  return (
    <Button
      size={size}
      icon={<RestartIcon className="size-3.5" />}
      blockedReason={
        workloadRestartBlockedReason(capabilities, workload) ?? cannotHelpReason(workload.restartVerdict)
      }
      onClick={() => openRestart({ namespace, workload: { namespace, kind, name } })}
      data-action="restart-workload"
      aria-label={`Restart ${workloadLabel(workload)}`}
    >
      Restart
    </Button>
  );
}

export function RestartNamespaceButton({
  namespace,
  workloadsNeedingRestart,
  size = 'xs',
  compact = false,
}: {
  namespace: string;
  workloadsNeedingRestart: number;
  size?: Size;
  compact?: boolean;
}) {
  const capabilities = useCapabilities(namespace);
  const { openRestart } = useActionDialogs();
  if (capabilities.data?.snapshot) return null;
  const text = compact
    ? `Restart ${workloadsNeedingRestart}`
    : `Restart ${plural(workloadsNeedingRestart, 'affected workload')}`;
  return (
    <Button
      size={size}
      variant={workloadsNeedingRestart > 0 ? 'primary' : 'secondary'}
      icon={<RestartIcon className="size-3.5" />}
      blockedReason={namespaceRestartBlockedReason(capabilities, workloadsNeedingRestart)}
      onClick={() => openRestart({ namespace })}
      data-action="restart-namespace"
      aria-label={`Restart the ${plural(workloadsNeedingRestart, 'affected workload')} in ${namespace}`}
    >
      {text}
    </Button>
  );
}
