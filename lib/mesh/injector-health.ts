// The injector states an operator must not miss, decided from the cluster summary: no webhook at all
// (nothing can be meshed), no ready injector pods (what that does depends on failurePolicy), failurePolicy
// Ignore (the API server then admits pods without a proxy, silently), and a linkerd-config that could
// not be read. The overview draws one notice per finding, in this order.
import type { ClusterSummary } from './types.ts';

export type InjectorFinding =
  | { code: 'no_webhook'; severity: 'error' }
  | { code: 'no_ready_injector'; severity: 'error'; failurePolicy: 'Fail' | 'Ignore' }
  | { code: 'failure_policy_ignore'; severity: 'warning' }
  | { code: 'linkerd_config_unreadable'; severity: 'warning'; error: string };

type HealthInput = Pick<
  ClusterSummary,
  'webhookPresent' | 'failurePolicy' | 'injectorPods' | 'linkerdConfigError'
>;

export function injectorFindings(cluster: HealthInput): InjectorFinding[] {
  const findings: InjectorFinding[] = [];
  const ignore = cluster.failurePolicy === 'Ignore';
  if (!cluster.webhookPresent) findings.push({ code: 'no_webhook', severity: 'error' });
  else if (cluster.injectorPods.ready === 0) {
    // The API server's default failurePolicy for admissionregistration/v1 is Fail.
    findings.push({
      code: 'no_ready_injector',
      severity: 'error',
      failurePolicy: ignore ? 'Ignore' : 'Fail',
    });
  }
  if (cluster.webhookPresent && ignore) findings.push({ code: 'failure_policy_ignore', severity: 'warning' });
  if (cluster.linkerdConfigError) {
    findings.push({
      code: 'linkerd_config_unreadable',
      severity: 'warning',
      error: cluster.linkerdConfigError,
    });
  }
  return findings;
}
