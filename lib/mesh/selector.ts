// Kubernetes label selectors, evaluated exactly as the API server does for a webhook's
// namespaceSelector / objectSelector (apimachinery's LabelSelectorAsSelector semantics).
import type { LabelSelector, StringMap } from './types.ts';

type Requirement = NonNullable<LabelSelector['matchExpressions']>[number];

function has(labels: StringMap, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(labels, key);
}

function matchesRequirement(req: Requirement, labels: StringMap): boolean {
  const present = has(labels, req.key);
  const values = req.values ?? [];
  switch (req.operator) {
    case 'In':
      return present && values.includes(labels[req.key] ?? '');
    case 'NotIn':
      // An absent key satisfies NotIn: that is what lets the default namespaceSelector match
      // namespaces without `config.linkerd.io/admission-webhooks`.
      return !present || !values.includes(labels[req.key] ?? '');
    case 'Exists':
      return present;
    case 'DoesNotExist':
      return !present;
    default:
      // The API server rejects unknown operators; a selector it could not parse selects nothing.
      return false;
  }
}

/**
 * True when `labels` satisfy the selector: every matchLabels pair AND every matchExpression.
 * `undefined` and `{}` both match everything, as in Kubernetes.
 */
export function matchesSelector(selector: LabelSelector | undefined, labels: StringMap): boolean {
  if (!selector) return true;
  if (selector.matchLabels) {
    for (const key in selector.matchLabels) {
      if (!has(labels, key) || labels[key] !== selector.matchLabels[key]) return false;
    }
  }
  if (selector.matchExpressions) {
    for (const req of selector.matchExpressions) {
      if (!matchesRequirement(req, labels)) return false;
    }
  }
  return true;
}

/** The selector the way `kubectl` prints one: `a=b, c NotIn (x, y), !d`; "everything" when empty. */
export function describeSelector(selector: LabelSelector | undefined): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(selector?.matchLabels ?? {})) parts.push(`${key}=${value}`);
  for (const req of selector?.matchExpressions ?? []) {
    const values = (req.values ?? []).join(', ');
    if (req.operator === 'Exists') parts.push(req.key);
    else if (req.operator === 'DoesNotExist') parts.push(`!${req.key}`);
    else parts.push(`${req.key} ${req.operator} (${values})`);
  }
  return parts.length === 0 ? 'everything' : parts.join(', ');
}

/** Labels as `{a=b, c=d}`, sorted so the trace reads the same every time. */
export function describeLabels(labels: StringMap): string {
  const keys = Object.keys(labels).sort();
  return `{${keys.map((key) => `${key}=${labels[key] ?? ''}`).join(', ')}}`;
}
