// The injector's decision for one pod template in one namespace: first the API server's webhook
// gates (is the injector called at all?), then Linkerd's Injectable() checks in report.go's order.
import { NAMESPACE_NAME_LABEL, injectValueOf, isInvalidInjectValue, optsIn } from './annotations.ts';
import { automountBlocks, tokenMountFor, type TokenMountEvidence } from './automount.ts';
import { reason } from './reasons.ts';
import { evaluateMatchConditions, type MatchConditionsResult } from './match-conditions.ts';
import { matchesSelector } from './selector.ts';
import { rulesMatchPodCreate } from './webhook-rules.ts';
import { existingSidecars, findProxy, proxyVersionOf } from './sidecar.ts';
import { decisionTrace, type TraceFacts } from './decision-trace.ts';
import type { TraceMemo } from './trace-memo.ts';
import type {
  ControlPlaneRecord,
  InjectionDecision,
  InjectorWebhookRecord,
  PodSpecRecord,
  ReasonCode,
  StringMap,
  TraceStep,
} from './types.ts';

/** The parts of a namespace the decision reads. A NamespaceRecord fits. */
export interface NamespaceFacts {
  name: string;
  labels: StringMap;
  annotations: StringMap;
}

export interface DecisionInput {
  namespace: NamespaceFacts;
  /** null: the object has no pod template at all (report.go's unsupported_resource). */
  template: PodSpecRecord | null;
  webhook: InjectorWebhookRecord | null;
  controlPlane: ControlPlaneRecord | null;
  /** How the trace names the template, e.g. "the template of Deployment web". */
  templateSource?: string;
  /**
   * Whether a pod the API server admitted from this template got the service-account token mount
   * (only read with identity.serviceAccountTokenProjection off, when the template leaves
   * automountServiceAccountToken unset). The template's own `firstContainerTokenMount` wins.
   */
  tokenMount?: TokenMountEvidence;
  /** Shares trace steps across the decisions of one analysis. */
  memo?: TraceMemo;
}

/** The decision plus the facts behind it, for status, lints and explanations. */
export interface InjectionEvaluation {
  decision: InjectionDecision;
  namespaceValue: string;
  templateValue: string;
  /** Rules, both selectors and the matchConditions passed: the API server would call the injector. */
  webhookCalled: boolean;
  /** The matchConditions could not be evaluated: whether the webhook is called is unknown. */
  webhookCallUnknown: boolean;
  namespaceExcluded: boolean;
  objectExcluded: boolean;
  /** The template says `disabled`: an explicit opt-out, not a problem to fix. */
  optedOut: boolean;
  /** The template itself carries `linkerd-proxy` (`linkerd inject` output): restarts keep the proxy. */
  templateCarriesProxy: boolean;
  /** That proxy's version, when the template carries one. */
  templateProxyVersion: string | undefined;
}

/**
 * The annotation truth table, mirroring report.go's disableByAnnotation. undefined = inject.
 * Note a namespace `disabled` does not override a pod `enabled`, and an invalid namespace value
 * blocks even a pod that says `enabled`.
 */
export function annotationRule(namespaceValue: string, templateValue: string): ReasonCode | undefined {
  if (isInvalidInjectValue(namespaceValue)) return 'invalid_inject_annotation_at_ns';
  if (isInvalidInjectValue(templateValue)) return 'invalid_inject_annotation_at_workload';
  if (optsIn(namespaceValue)) {
    return templateValue === 'disabled' ? 'injection_disable_annotation_present' : undefined;
  }
  return optsIn(templateValue) ? undefined : 'injection_enable_annotation_absent';
}

/** The API server guarantees `kubernetes.io/metadata.name` on every namespace; records built by hand may lack it. */
export function namespaceLabels(namespace: NamespaceFacts): StringMap {
  if (namespace.labels[NAMESPACE_NAME_LABEL] === namespace.name) return namespace.labels;
  return { ...namespace.labels, [NAMESPACE_NAME_LABEL]: namespace.name };
}

export function evaluateInjection(input: DecisionInput): InjectionEvaluation {
  const { namespace, template, webhook, controlPlane, memo } = input;
  const source = input.templateSource ?? 'the pod template';
  const namespaceValue = injectValueOf(namespace.annotations);
  const templateValue = template ? injectValueOf(template.annotations) : '';

  const nsLabels = namespaceLabels(namespace);
  const namespaceExcluded = webhook !== null && !matchesSelector(webhook.namespaceSelector, nsLabels);
  const objectExcluded = webhook !== null && !matchesSelector(webhook.objectSelector, template?.labels ?? {});
  const rulesExclude = webhook !== null && !rulesMatchPodCreate(webhook.rules);
  // The API server evaluates matchConditions only once rules and selectors matched.
  const conditions: MatchConditionsResult | undefined =
    webhook !== null && template && !namespaceExcluded && !objectExcluded && !rulesExclude
      ? evaluateMatchConditions(webhook.matchConditions, namespace.name, template)
      : undefined;
  const webhookCalled =
    webhook !== null &&
    !namespaceExcluded &&
    !objectExcluded &&
    !rulesExclude &&
    conditions?.outcome !== 'skipped' &&
    conditions?.outcome !== 'unknown';

  const codes: ReasonCode[] = [];
  if (webhook === null) codes.push('injector_not_installed');
  if (rulesExclude) codes.push('webhook_rules_exclude_pods');
  if (namespaceExcluded) codes.push('namespace_excluded_by_webhook');
  if (objectExcluded) codes.push('object_excluded_by_webhook');
  if (conditions?.outcome === 'skipped') codes.push('webhook_match_condition_false');
  if (conditions?.outcome === 'unknown') codes.push('webhook_match_condition_unknown');

  // What report.go's Injectable() would answer if it ran. It reports every failing check (no short-circuit).
  const injectorCodes: ReasonCode[] = [];
  const sidecars = template ? existingSidecars(template) : [];
  const annotationCode = template ? annotationRule(namespaceValue, templateValue) : undefined;
  // Only with identity.serviceAccountTokenProjection off does the proxy need the mounted token.
  const projection = controlPlane?.serviceAccountTokenProjection ?? true;
  const tokenMount = template && !projection ? tokenMountFor(template, source, input.tokenMount) : undefined;
  const noToken = template !== null && automountBlocks(projection, template, tokenMount);
  if (template?.hostNetwork) injectorCodes.push('host_network_enabled');
  if (sidecars.length > 0) injectorCodes.push('sidecar_already_exists');
  if (!template) injectorCodes.push('unsupported_resource');
  if (annotationCode) injectorCodes.push(annotationCode);
  if (noToken) injectorCodes.push('disabled_automount_service_account_token_account');
  if (webhookCalled) codes.push(...injectorCodes);

  const inject = codes.length === 0;
  const facts: TraceFacts = {
    namespace,
    template,
    webhook,
    namespaceLabels: nsLabels,
    source,
    namespaceExcluded,
    objectExcluded,
    rulesExclude,
    conditions,
    webhookCalled,
    sidecars,
    annotationCode,
    projection,
    tokenMount,
    inject,
    codes,
    memo,
  };
  // The trace is words, and most analyses read few of them: build it on first read (a getter is
  // transparent to JSON.stringify, spreading and deep equality), then keep it.
  let trace: TraceStep[] | undefined;
  const decision: InjectionDecision = {
    inject,
    reasons: codes.map(reason),
    get trace(): TraceStep[] {
      return (trace ??= decisionTrace(facts));
    },
    set trace(steps: TraceStep[]) {
      trace = steps;
    },
    optedIn:
      optsIn(namespaceValue) ||
      optsIn(templateValue) ||
      isInvalidInjectValue(namespaceValue) ||
      isInvalidInjectValue(templateValue),
  };

  const proxy = template ? findProxy(template) : undefined;
  return {
    decision,
    namespaceValue,
    templateValue,
    webhookCalled,
    webhookCallUnknown: conditions?.outcome === 'unknown',
    namespaceExcluded,
    objectExcluded,
    optedOut: templateValue === 'disabled',
    templateCarriesProxy: proxy !== undefined,
    templateProxyVersion:
      proxy && template ? proxyVersionOf(template.annotations, proxy.container) : undefined,
  };
}

/** The injector's decision for a pod template in a namespace, given the live webhook and control plane. */
export function decideInjection(input: DecisionInput): InjectionDecision {
  return evaluateInjection(input).decision;
}
