'use client';

import type { Lint, WorkloadKind } from '@/lib/api/dto';
import { isTemplateKind } from '@/lib/mesh/changes';
import { isFixableLint } from '@/lib/mesh/lint-fixes';
import { Button } from '@/components/ui/button';
import { PlugIcon, WrenchIcon } from '@/components/ui/icons';
import { workloadLabel } from '@/lib/ui/format';
import { metadataChangeBlockedReason } from '@/lib/ui/permissions';
import { useCapabilities } from '@/lib/ui/use-api';
import { useActionDialogs } from './action-dialogs';

// The buttons for the metadata fixes: a workload's own opt-in/out, and each lint that has a one-click
// fix. Like the other action buttons they are not drawn on a snapshot, and say why when they are off.

export function WorkloadInjectionButton({
  workload,
}: {
  workload: { namespace: string; kind: WorkloadKind; name: string; templateInjectValue?: string };
}) {
  const capabilities = useCapabilities(workload.namespace);
  const { openWorkloadInjection } = useActionDialogs();
  if (capabilities.data?.snapshot || !isTemplateKind(workload.kind)) return null;
  const { namespace, kind, name } = workload;
  return (
    <Button
      size="xs"
      icon={<PlugIcon className="size-3.5" />}
      blockedReason={metadataChangeBlockedReason(capabilities, kind)}
      onClick={() => openWorkloadInjection({ namespace, kind, name, current: workload.templateInjectValue })}
      data-action="workload-injection"
      aria-label={`Change proxy injection on the pod template of ${workloadLabel(workload)}`}
    >
      Inject…
    </Button>
  );
}

export function LintFixButton({ lint }: { lint: Lint }) {
  const capabilities = useCapabilities(
    lint.target.kind === 'Namespace' ? lint.target.name : lint.target.namespace,
  );
  const { openLintFix } = useActionDialogs();
  const code = lint.code;
  const kind = lint.target.kind;
  if (capabilities.data?.snapshot || !isFixableLint(code)) return null;
  if (kind !== 'Namespace' && !isTemplateKind(kind)) return null;
  return (
    <Button
      size="xs"
      icon={<WrenchIcon className="size-3.5" />}
      blockedReason={metadataChangeBlockedReason(capabilities, kind)}
      onClick={() => openLintFix({ lint: { ...lint, code } })}
      data-action="fix-lint"
      data-lint={code}
      aria-label={`Fix: ${lint.fix} (${workloadLabel(lint.target)})`}
    >
      Fix…
    </Button>
  );
}
