// Does the API server call the injector's webhook for a pod CREATE at all? Before any selector, the
// webhook's `rules` must cover the request (operations, apiGroups, apiVersions, resources, scope —
// admissionregistration/v1 RuleWithOperations, matched as in apiserver's pkg/admission/plugin/webhook/
// predicates/rules/rules.go), and then every `matchConditions` CEL expression must be true
// (match-conditions.ts).
import type { WebhookRule } from './inputs.ts';

/** Pods live only in the core group, version v1, and are namespaced. */
const POD_CREATE = { operation: 'CREATE', group: '', version: 'v1', resource: 'pods' } as const;

function has(list: readonly string[] | undefined, value: string): boolean {
  return (list ?? []).some((item) => item === '*' || item === value);
}

/** `pods`, `*` (every resource, no subresource) or `*\/*` (everything) name the pod itself; `pods/*` does not. */
function coversPods(resources: readonly string[] | undefined): boolean {
  return (resources ?? []).some((r) => r === POD_CREATE.resource || r === '*' || r === '*/*');
}

export function ruleMatchesPodCreate(rule: WebhookRule): boolean {
  const scope = rule.scope ?? '*';
  return (
    has(rule.operations, POD_CREATE.operation) &&
    has(rule.apiGroups, POD_CREATE.group) &&
    has(rule.apiVersions, POD_CREATE.version) &&
    coversPods(rule.resources) &&
    (scope === '*' || scope === 'Namespaced')
  );
}

/** undefined rules = not recorded (hand-built records): treated as Linkerd's own rule, pods CREATE. */
export function rulesMatchPodCreate(rules: readonly WebhookRule[] | undefined): boolean {
  return rules === undefined || rules.some(ruleMatchesPodCreate);
}

export function describeRule(rule: WebhookRule): string {
  const list = (l: readonly string[] | undefined) => `[${(l ?? []).map((v) => v || '""').join(',')}]`;
  return `${list(rule.operations)} ${list(rule.apiGroups)}/${list(rule.apiVersions)} ${list(rule.resources)} scope ${rule.scope ?? '*'}`;
}
