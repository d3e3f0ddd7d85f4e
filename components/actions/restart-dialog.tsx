'use client';

import { Dialog } from '@/components/ui/dialog';
import { workloadLabel } from '@/lib/ui/format';
import { RestartPlan, type RestartScope } from './restart-plan';

export function RestartDialog({ scope, onClose }: { scope: RestartScope | null; onClose: () => void }) {
  const title = scope?.workload ? (
    <>
      Restart <span className="font-mono">{workloadLabel(scope.workload)}</span>
    </>
  ) : (
    <>
      Restart affected workloads in <span className="font-mono">{scope?.namespace}</span>
    </>
  );
  return (
    <Dialog
      open={scope !== null}
      onClose={onClose}
      testId="restart-dialog"
      title={title}
      description="New pods are created from the current template, so they pick up the current injection setting."
    >
      {scope && <RestartPlan scope={scope} onStarted={onClose} onCancel={onClose} />}
    </Dialog>
  );
}
