import type { GitOpsManager } from '@/lib/api/dto';
import { GitIcon } from '@/components/ui/icons';
import { Badge } from '@/components/ui/badge';

const TOOL_LABEL: Record<GitOpsManager['tool'], string> = { argocd: 'Argo CD', flux: 'Flux', helm: 'Helm' };

/** "Managed by Argo CD": a change made here is reverted at the next sync; the sentence says by what. */
export function GitOpsBadge({ manager }: { manager: GitOpsManager | undefined }) {
  if (!manager) return null;
  const label = TOOL_LABEL[manager.tool];
  return (
    <span data-testid="gitops-badge" data-tool={manager.tool}>
      <Badge tone="info" title={`Managed by ${manager.sentence}: make changes in Git (${manager.evidence}).`}>
        <GitIcon className="size-3" />
        {label}
        <span className="sr-only">: managed by {manager.sentence}</span>
      </Badge>
    </span>
  );
}
