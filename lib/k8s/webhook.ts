import 'server-only';
// Finds Linkerd's proxy-injector in MutatingWebhookConfigurations: the configuration Linkerd installs
// (`linkerd-proxy-injector-webhook-config`), or any configuration carrying the injector's webhook name
// (renamed Helm releases). Rules, selectors and matchConditions are copied from the live object: the
// engine evaluates them (lib/mesh webhook-rules.ts, match-conditions.ts).
import type {
  V1LabelSelector,
  V1MutatingWebhook,
  V1MutatingWebhookConfiguration,
} from '@kubernetes/client-node';
import type { InjectorWebhookRecord, LabelSelector, WebhookRule } from '@/lib/mesh/types';

export const INJECTOR_CONFIGURATION_NAME = 'linkerd-proxy-injector-webhook-config';
export const INJECTOR_WEBHOOK_NAME = 'linkerd-proxy-injector.linkerd.io';

function selectorOf(selector: V1LabelSelector | undefined): LabelSelector | undefined {
  if (!selector) return undefined;
  const out: LabelSelector = {};
  if (selector.matchLabels) out.matchLabels = { ...selector.matchLabels };
  if (selector.matchExpressions) {
    out.matchExpressions = selector.matchExpressions.map((e) =>
      e.values
        ? { key: e.key, operator: e.operator, values: [...e.values] }
        : { key: e.key, operator: e.operator },
    );
  }
  return out;
}

function targetOf(webhook: V1MutatingWebhook): string {
  const { service, url } = webhook.clientConfig;
  if (service)
    return `service ${service.namespace}/${service.name}:${service.port ?? 443}${service.path ?? ''}`;
  return url ?? '';
}

/** The injector's entry of one configuration, or null when the configuration is not Linkerd's. */
export function toInjectorWebhook(config: V1MutatingWebhookConfiguration): InjectorWebhookRecord | null {
  const configurationName = config.metadata?.name ?? '';
  const webhooks = config.webhooks ?? [];
  const webhook =
    webhooks.find((w) => w.name === INJECTOR_WEBHOOK_NAME) ??
    (configurationName === INJECTOR_CONFIGURATION_NAME ? webhooks[0] : undefined);
  if (!webhook) return null;
  const record: InjectorWebhookRecord = {
    configurationName,
    webhookName: webhook.name,
    // admissionregistration/v1 defaults failurePolicy to Fail.
    failurePolicy: webhook.failurePolicy ?? 'Fail',
    target: targetOf(webhook),
  };
  const namespaceSelector = selectorOf(webhook.namespaceSelector);
  if (namespaceSelector) record.namespaceSelector = namespaceSelector;
  const objectSelector = selectorOf(webhook.objectSelector);
  if (objectSelector) record.objectSelector = objectSelector;
  record.rules = (webhook.rules ?? []).map((r) => {
    const rule: WebhookRule = {
      operations: [...(r.operations ?? [])],
      apiGroups: [...(r.apiGroups ?? [])],
      apiVersions: [...(r.apiVersions ?? [])],
      resources: [...(r.resources ?? [])],
    };
    if (r.scope) rule.scope = r.scope;
    return rule;
  });
  if (webhook.matchConditions?.length)
    record.matchConditions = webhook.matchConditions.map(({ name, expression }) => ({ name, expression }));
  return record;
}

/** Several candidates (unusual): Linkerd's own configuration name wins, then the first by name. */
export function pickInjectorWebhook(candidates: InjectorWebhookRecord[]): InjectorWebhookRecord | null {
  const sorted = [...candidates].sort((a, b) => a.configurationName.localeCompare(b.configurationName));
  return sorted.find((c) => c.configurationName === INJECTOR_CONFIGURATION_NAME) ?? sorted[0] ?? null;
}
