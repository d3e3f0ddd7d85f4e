import 'server-only';
// A metadata change's outcome → the API answer: the engine supplies the commands, the manifest
// fragment, the GitOps owner and the consequence for the pods.
import type { MetadataChangeResponse } from '@/lib/api/dto';
import { editPath, mergePatch } from '@/lib/mesh/changes';
import { kubectlCommands, manifestFragment } from '@/lib/mesh/commands';
import { gitOpsManager } from '@/lib/mesh/gitops';
import { templateChangeConsequence } from '@/lib/mesh/workload-injection';
import type { ChangeOutcome } from '@/lib/k8s/metadata-change';

export function metadataChangeView(outcome: ChangeOutcome, dryRun: boolean): MetadataChangeResponse {
  const { change, previous, subject } = outcome;
  const edits = change.edits.map((e, i) => ({
    path: editPath(change.target, e).join('.'),
    key: e.key,
    from: previous[i] ?? null,
    to: e.value,
  }));
  const changed = edits.some((e) => e.from !== e.to);
  const response: MetadataChangeResponse = {
    dryRun,
    target: change.target,
    summary: outcome.summary,
    resourceVersion: outcome.resourceVersion,
    edits,
    changed,
    patch: mergePatch(change),
    commands: kubectlCommands(change),
    manifest: manifestFragment(change),
  };
  const gitOps = gitOpsManager(subject.record);
  if (gitOps) response.gitOps = gitOps;
  if (subject.kind === 'Workload') {
    const templateChanged = edits.some((e, i) => change.edits[i]?.on === 'template' && e.from !== e.to);
    response.consequence = templateChangeConsequence(subject.record, templateChanged);
  }
  return response;
}
