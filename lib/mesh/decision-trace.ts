// The words of a decision's trace: one step per rule, in the order the API server and the
// injector apply them (the decision itself is made in decision.ts; this only explains it).
import { INJECT_ANNOTATION, injectValueOf, isInvalidInjectValue, optsIn, quoteValue } from './annotations.ts';
import { automountStep, type TokenMountEvidence } from './automount.ts';
import { REASONS } from './reasons.ts';
import { describeLabels } from './selector.ts';
import {
  constantSteps,
  injectorStep,
  passOrBlock,
  remember,
  selectorText,
  type TraceMemo,
} from './trace-memo.ts';
import type { MatchConditionsResult } from './match-conditions.ts';
import type {
  InjectorWebhookRecord,
  PodSpecRecord,
  ReasonCode,
  StringMap,
  TraceStep,
  WebhookRule,
} from './types.ts';
import { describeRule } from './webhook-rules.ts';

export interface GateFacts {
  webhook: InjectorWebhookRecord | null;
  namespace: { name: string };
  namespaceLabels: StringMap;
  objectLabels: StringMap;
  source: string;
  namespaceMatches: boolean;
  objectMatches: boolean;
}

const NO_WEBHOOK: TraceStep = Object.freeze({
  rule: 'webhook',
  outcome: 'block',
  detail:
    'No proxy-injector webhook is configured: the API server never calls the injector, so nothing is injected',
});

export function gateSteps(facts: GateFacts, memo?: TraceMemo): TraceStep[] {
  const { webhook, namespace, namespaceLabels, objectLabels, source } = facts;
  if (webhook === null) return [NO_WEBHOOK];
  const nsMatch = facts.namespaceMatches;
  const objMatch = facts.objectMatches;
  const webhookStep = remember(memo?.webhook, webhook, () => ({
    rule: 'webhook',
    outcome: 'pass',
    detail: `Webhook ${webhook.webhookName} in ${webhook.configurationName} (failurePolicy ${webhook.failurePolicy}) calls ${webhook.target} when pods are created`,
  }));
  const namespaceStep = remember(memo?.namespaceSelector, namespace, () => ({
    rule: 'webhook namespaceSelector',
    outcome: passOrBlock(!nsMatch),
    detail: `Selector ${selectorText(memo, webhook.namespaceSelector)} ${nsMatch ? 'matches' : 'does not match'} namespace ${namespace.name} labels ${describeLabels(namespaceLabels)}`,
  }));
  const objectStep: TraceStep = {
    rule: 'webhook objectSelector',
    outcome: passOrBlock(!objMatch),
    detail: `Selector ${selectorText(memo, webhook.objectSelector)} ${objMatch ? 'matches' : 'does not match'} the labels of ${source} ${describeLabels(objectLabels)}`,
  };
  return [webhookStep, namespaceStep, objectStep];
}

const HOST_NETWORK_OFF = constantSteps('hostNetwork', 'pass', 'hostNetwork is off');
const HOST_NETWORK_ON = constantSteps(
  'hostNetwork',
  'block',
  "hostNetwork is enabled: a proxy cannot redirect the node's traffic",
);
const NO_SIDECARS = constantSteps('sidecars', 'pass', 'No proxy or other mesh sidecar in the template');

export function hostNetworkStep(hostNetwork: boolean, called: boolean): TraceStep {
  return (hostNetwork ? HOST_NETWORK_ON : HOST_NETWORK_OFF)[called ? 1 : 0];
}

export function sidecarStep(sidecars: string[], called: boolean): TraceStep {
  if (sidecars.length === 0) return NO_SIDECARS[called ? 1 : 0];
  return injectorStep(
    'sidecars',
    'block',
    `${REASONS.sidecar_already_exists.message}: ${sidecars.join(', ')}`,
    called,
  );
}

function labelNote(labels: StringMap): string {
  const label = labels[INJECT_ANNOTATION];
  return label === undefined
    ? ''
    : ` (its label ${INJECT_ANNOTATION}=${label} is ignored: only the annotation counts)`;
}

function has(value: string, where: string): string {
  return value === ''
    ? `${where} has no ${INJECT_ANNOTATION} annotation`
    : `${where} has ${INJECT_ANNOTATION}=${quoteValue(value)}`;
}

function namespaceMeaning(value: string): string {
  if (isInvalidInjectValue(value))
    return 'an invalid value (must be exactly enabled, disabled or ingress), so nothing in it is injected';
  if (optsIn(value)) return 'every pod is injected unless its template says disabled';
  if (value === 'disabled')
    return 'pods are injected only if their template opts in (a namespace disabled does not override a pod enabled)';
  return 'pods are injected only if their template says enabled or ingress';
}

function templateMeaning(code: ReasonCode | undefined, value: string): string {
  switch (code) {
    case 'invalid_inject_annotation_at_ns':
      return 'not looked at: the namespace value already blocks';
    case 'invalid_inject_annotation_at_workload':
      return 'an invalid value (must be exactly enabled, disabled or ingress)';
    case 'injection_disable_annotation_present':
      return 'the template opts out';
    case 'injection_enable_annotation_absent':
      return REASONS.injection_enable_annotation_absent.message;
    default:
      return optsIn(value)
        ? 'the template opts in'
        : 'the namespace opts in and the template does not opt out';
  }
}

export function annotationSteps(
  namespace: { name: string; labels: StringMap; annotations: StringMap },
  template: PodSpecRecord,
  source: string,
  code: ReasonCode | undefined,
  called: boolean,
  memo?: TraceMemo,
): TraceStep[] {
  const nsValue = injectValueOf(namespace.annotations);
  const tplValue = injectValueOf(template.annotations);
  const nsBlocks = code === 'invalid_inject_annotation_at_ns';
  // The namespace step only depends on the namespace (nsBlocks follows from its value).
  const nsStep = remember(
    called ? memo?.namespaceAnnotation : memo?.namespaceAnnotationNotCalled,
    namespace,
    () => {
      const detail = `${has(nsValue, `Namespace ${namespace.name}`)}: ${namespaceMeaning(nsValue)}${labelNote(namespace.labels)}`;
      return injectorStep(
        'namespace annotation',
        nsBlocks ? 'block' : optsIn(nsValue) ? 'pass' : 'info',
        detail,
        called,
      );
    },
  );
  const tplBlocks = code !== undefined && !nsBlocks;
  const tplDetail = `${has(tplValue, capitalise(source))}: ${templateMeaning(code, tplValue)}${labelNote(template.labels)}`;
  const tplStep = injectorStep(
    'template annotation',
    nsBlocks ? 'info' : passOrBlock(tplBlocks),
    tplDetail,
    called,
  );
  return [nsStep, tplStep];
}

const INJECTED: TraceStep = Object.freeze({
  rule: 'pod-verdict',
  outcome: 'pass',
  detail: 'The injector adds the proxy to pods created from this template',
});

export function verdictStep(inject: boolean, codes: ReasonCode[]): TraceStep {
  if (inject) return INJECTED;
  return {
    rule: 'pod-verdict',
    outcome: 'block',
    detail: `Not injected: ${codes.map((code) => REASONS[code].message).join(', ')}`,
  };
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Everything the trace's words need; the decision itself is already made. */
export interface TraceFacts {
  namespace: { name: string; labels: StringMap; annotations: StringMap };
  template: PodSpecRecord | null;
  webhook: InjectorWebhookRecord | null;
  namespaceLabels: StringMap;
  source: string;
  namespaceExcluded: boolean;
  objectExcluded: boolean;
  rulesExclude: boolean;
  /** undefined: not evaluated (an earlier gate failed, or no template). */
  conditions: MatchConditionsResult | undefined;
  webhookCalled: boolean;
  sidecars: string[];
  annotationCode: ReasonCode | undefined;
  projection: boolean;
  /** The token-mount evidence used (projection off only). */
  tokenMount: TokenMountEvidence | undefined;
  inject: boolean;
  codes: ReasonCode[];
  memo: TraceMemo | undefined;
}

function rulesStep(rules: readonly WebhookRule[], excluded: boolean): TraceStep {
  const shown = rules.length === 0 ? 'none' : rules.map(describeRule).join('; ');
  return {
    rule: 'webhook rules',
    outcome: passOrBlock(excluded),
    detail: `Rules ${shown} ${excluded ? 'do not cover' : 'cover'} CREATE of pods (core v1, namespaced)`,
  };
}

function conditionsStep(
  webhook: InjectorWebhookRecord,
  result: MatchConditionsResult | undefined,
): TraceStep {
  const names = (webhook.matchConditions ?? []).map((c) => c.name).join(', ');
  if (!result)
    return {
      rule: 'webhook matchConditions',
      outcome: 'info',
      detail: `Not evaluated (${names}): an earlier gate already decides`,
    };
  switch (result.outcome) {
    case 'called':
      return {
        rule: 'webhook matchConditions',
        outcome: 'pass',
        detail: `Every matchCondition (${names}) is true for this pod`,
      };
    case 'skipped':
      return {
        rule: 'webhook matchConditions',
        outcome: 'block',
        detail: `matchCondition "${result.condition}" is false for this pod: the API server skips the webhook`,
      };
    case 'unknown':
      return {
        rule: 'webhook matchConditions',
        outcome: 'block',
        detail: `Cannot evaluate matchCondition "${result.condition}": ${result.why}; whether the webhook is called is unknown`,
      };
  }
}

const NO_TEMPLATE = constantSteps(
  'pod template',
  'block',
  'The object has no pod template: this resource kind is unsupported',
);

/** One step per rule, in the order the API server and then report.go's Injectable() apply them. */
export function decisionTrace(f: TraceFacts): TraceStep[] {
  const { template, webhookCalled: called, memo } = f;
  const trace = gateSteps(
    {
      webhook: f.webhook,
      namespace: f.namespace,
      namespaceLabels: f.namespaceLabels,
      objectLabels: template?.labels ?? {},
      source: f.source,
      namespaceMatches: !f.namespaceExcluded,
      objectMatches: !f.objectExcluded,
    },
    memo,
  );
  if (f.webhook?.rules) trace.splice(1, 0, rulesStep(f.webhook.rules, f.rulesExclude));
  if (f.webhook?.matchConditions?.length) trace.push(conditionsStep(f.webhook, f.conditions));
  if (template) {
    trace.push(hostNetworkStep(template.hostNetwork, called));
    trace.push(sidecarStep(f.sidecars, called));
    trace.push(...annotationSteps(f.namespace, template, f.source, f.annotationCode, called, memo));
    trace.push(automountStep({ template, projection: f.projection, evidence: f.tokenMount, called }));
  } else {
    trace.push(NO_TEMPLATE[called ? 1 : 0]);
  }
  trace.push(verdictStep(f.inject, f.codes));
  return trace;
}
