'use client';

import type { PodVerdict } from '@/lib/api/dto';
import { useActionDialogs } from '@/components/actions/action-dialogs';
import { Button } from '@/components/ui/button';
import { PlugIcon, RestartIcon } from '@/components/ui/icons';
import { workloadLabel } from '@/lib/ui/format';
import {
  injectionBlockedReason,
  kindRestartBlockedReason,
  workloadRestartBlockedReason,
} from '@/lib/ui/permissions';
import { podFix } from '@/lib/mesh/pod-fix';
import { useCapabilities, useNamespace } from '@/lib/ui/use-api';

/** The button for the pod's fix, when a click can do it: a restart of its workload, or opting the namespace in. */
export function FixAction({ pod }: { pod: PodVerdict }) {
  const capabilities = useCapabilities(pod.namespace);
  const { data: namespace } = useNamespace(pod.namespace);
  const { openRestart, openInjection } = useActionDialogs();
  const fix = podFix(pod);
  if (capabilities.data?.snapshot || !fix) return null;

  if (fix.action === 'restart-workload') {
    const { workload } = fix;
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

  if (namespace) {
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
