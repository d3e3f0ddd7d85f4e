'use client';

import type { PodVerdict } from '@/lib/mesh/types';
import { useActionDialogs } from '@/components/actions/action-dialogs';
import { Button } from '@/components/ui/button';
import { PlugIcon, RestartIcon } from '@/components/ui/icons';
import { workloadLabel } from '@/lib/ui/format';
import {
  injectionBlockedReason,
  kindRestartBlockedReason,
  workloadRestartBlockedReason,
} from '@/lib/ui/permissions';
import { restartFixes } from '@/lib/ui/pod-status';
import { useCapabilities, useNamespace } from '@/lib/ui/use-api';

/** The button for the pod's fix, when a click can do it: a restart of its workload, or opting the namespace in. */
export function FixAction({ pod }: { pod: PodVerdict }) {
  const capabilities = useCapabilities();
  const { data: namespace } = useNamespace(pod.namespace);
  const { openRestart, openInjection } = useActionDialogs();
  const workload = pod.workload;
  if (capabilities.data?.snapshot) return null;

  if (restartFixes(pod.status) && workload) {
    const summary = namespace?.workloads.find(
      (item) => item.kind === workload.kind && item.name === workload.name,
    );
    const blocked = summary
      ? workloadRestartBlockedReason(capabilities, summary)
      : kindRestartBlockedReason(capabilities, workload.kind);
    return (
      <Button
        variant="primary"
        size="sm"
        icon={<RestartIcon className="size-3.5" />}
        blockedReason={blocked}
        data-action="restart-workload"
        onClick={() =>
          openRestart({ namespace: pod.namespace, workload: { namespace: pod.namespace, ...workload } })
        }
      >
        Restart {workloadLabel(workload)}
      </Button>
    );
  }

  const needsOptIn = pod.reasons.some((reason) => reason.code === 'injection_enable_annotation_absent');
  if (needsOptIn && namespace) {
    return (
      <Button
        size="sm"
        icon={<PlugIcon className="size-3.5" />}
        blockedReason={injectionBlockedReason(capabilities)}
        data-action="injection"
        onClick={() =>
          openInjection({
            namespace: pod.namespace,
            current: namespace.namespace.injectValue,
            initial: 'enabled',
          })
        }
      >
        Enable injection on {pod.namespace}
      </Button>
    );
  }
  return null;
}
