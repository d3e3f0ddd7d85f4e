import type { MetadataChangeResponse } from '@/lib/api/dto';
import { Callout } from '@/components/ui/callout';
import { CommandBlock } from '@/components/ui/command-block';

/**
 * A dry run's answer: the GitOps warning with the manifest fragment first (the durable fix), then the
 * exact change, what it does to the pods, and the kubectl commands doing the same.
 */
export function ChangePreview({ preview }: { preview: MetadataChangeResponse }) {
  const manifest = <CommandBlock label="In the manifest" text={preview.manifest} testId="change-manifest" />;
  const commands = (
    <CommandBlock label="With kubectl" text={preview.commands.join('\n')} testId="change-commands" />
  );
  return (
    <div className="space-y-3" data-testid="change-preview">
      {preview.gitOps && (
        <Callout tone="warn" title="Make this change in Git" testId="gitops-warning">
          <p>
            {preview.target.kind} {preview.target.name} is {preview.gitOps.sentence}. Patching it here is for
            emergencies only.
          </p>
        </Callout>
      )}
      {preview.gitOps && manifest}
      <Callout tone={preview.changed ? 'info' : 'good'} title={preview.summary} testId="change-summary">
        <ul className="font-mono text-xs">
          {preview.edits.map((edit) => (
            <li key={`${edit.path}/${edit.key}`}>
              {edit.path}[{edit.key}]: {edit.from ?? '(none)'} → {edit.to ?? '(removed)'}
            </li>
          ))}
        </ul>
        {preview.consequence && <p data-testid="change-consequence">{preview.consequence.sentence}</p>}
      </Callout>
      {commands}
      {!preview.gitOps && manifest}
    </div>
  );
}
