// The webhook's matchConditions for a pod CREATE, evaluated with a real CEL evaluator
// (@marcbachmann/cel-js) the way the API server does (apiserver's pkg/admission/plugin/webhook/
// matchconditions): any condition false → the webhook is skipped; all true → it is called. We only
// know the pod a workload's template would create and the shape of that CREATE request, so a condition
// that reads anything else (request.userInfo, authorizer, fields the engine does not keep) is "cannot
// evaluate" — never a guess. Known gap: the controller adds labels of its own (pod-template-hash,
// controller-revision-hash) that a template does not carry.
import { Environment } from '@marcbachmann/cel-js';
import type { MatchCondition, PodSpecRecord } from './inputs.ts';

export type MatchConditionsResult =
  | { outcome: 'called' }
  /** `condition` evaluated to false: the API server skips the webhook. */
  | { outcome: 'skipped'; condition: string }
  /** Some condition could not be evaluated here (and none was false). */
  | { outcome: 'unknown'; condition: string; why: string };

/** The paths of `object` / `request` the engine knows exactly; a prefix covers everything under it. */
const KNOWN_PATHS: Readonly<Record<string, readonly string[]>> = {
  object: [
    'apiVersion',
    'kind',
    'metadata.namespace',
    'metadata.labels',
    'metadata.annotations',
    'spec.hostNetwork',
    'spec.containers',
    'spec.initContainers',
    'spec.serviceAccountName',
    'spec.automountServiceAccountToken',
  ],
  oldObject: [''],
  request: [
    'operation',
    'kind',
    'resource',
    'requestKind',
    'requestResource',
    'subResource',
    'namespace',
    'dryRun',
  ],
};

const ENV = new Environment()
  .registerVariable('object', 'map')
  .registerVariable('oldObject', 'dyn')
  .registerVariable('request', 'map');

/** The first path the expression reads that the engine does not know, or undefined. */
export function unknownPath(expression: string): string | undefined {
  const refs = expression.matchAll(/\b(object|oldObject|request)\b((?:\s*\.\s*[A-Za-z_]\w*)*)(\s*[[(])?/g);
  for (const [, root = '', chain = '', next] of refs) {
    const segments = chain
      .split('.')
      .map((s) => s.trim())
      .filter(Boolean);
    if (next?.trim() === '(' && segments.length > 0) segments.pop(); // a method call, not a field
    const path = segments.join('.');
    const known = KNOWN_PATHS[root] ?? [];
    // Under a known path anything goes (an index into labels included); a bare prefix (`object.spec`,
    // `object["metadata"]`) may reach what we do not know.
    const covered = known.some((k) => k === '' || path === k || path.startsWith(`${k}.`));
    if (!covered) return path ? `${root}.${path}` : root;
  }
  return undefined;
}

function containers(list: PodSpecRecord['containers']) {
  return list.map((c) => ({ name: c.name, image: c.image }));
}

/** The pod a CREATE from this template submits, and that request, as CEL sees them. */
export function celVariables(namespace: string, template: PodSpecRecord) {
  const spec: Record<string, unknown> = {
    hostNetwork: template.hostNetwork,
    containers: containers(template.containers),
    initContainers: containers(template.initContainers),
  };
  if (template.serviceAccountName !== undefined) spec.serviceAccountName = template.serviceAccountName;
  if (template.automountServiceAccountToken !== undefined)
    spec.automountServiceAccountToken = template.automountServiceAccountToken;
  const gvk = { group: '', version: 'v1', kind: 'Pod' };
  const gvr = { group: '', version: 'v1', resource: 'pods' };
  return {
    object: {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { namespace, labels: { ...template.labels }, annotations: { ...template.annotations } },
      spec,
    },
    oldObject: null,
    request: {
      operation: 'CREATE',
      kind: gvk,
      resource: gvr,
      requestKind: gvk,
      requestResource: gvr,
      subResource: '',
      namespace,
      dryRun: false,
    },
  };
}

export function evaluateMatchConditions(
  conditions: readonly MatchCondition[] | undefined,
  namespace: string,
  template: PodSpecRecord,
): MatchConditionsResult {
  if (!conditions || conditions.length === 0) return { outcome: 'called' };
  const variables = celVariables(namespace, template);
  let unknown: MatchConditionsResult | undefined;
  for (const { name, expression } of conditions) {
    const path = unknownPath(expression);
    if (path) {
      unknown ??= {
        outcome: 'unknown',
        condition: name,
        why: `it reads ${path}, which meshwatch does not know for a pod about to be created`,
      };
      continue;
    }
    let value: unknown;
    try {
      value = ENV.evaluate(expression, variables);
    } catch (err) {
      const why = err instanceof Error ? (err.message.split('\n')[0] ?? err.name) : String(err);
      unknown ??= {
        outcome: 'unknown',
        condition: name,
        why: `meshwatch's CEL evaluator cannot evaluate it (${why})`,
      };
      continue;
    }
    if (value === false) return { outcome: 'skipped', condition: name };
    if (value !== true)
      unknown ??= { outcome: 'unknown', condition: name, why: 'it does not evaluate to a bool' };
  }
  return unknown ?? { outcome: 'called' };
}
