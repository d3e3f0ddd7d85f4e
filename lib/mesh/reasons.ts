// Why a pod is (or would be) left without a proxy. Linkerd's own codes keep Linkerd's wording
// (pkg/inject/report.go's Reasons map, which also feeds the `InjectionSkipped` event), so what the
// dashboard says matches what `kubectl describe` shows. The webhook codes are meshwatch's: the
// API server never calls the injector for those pods, so Linkerd has no words for them.
import type { Reason, ReasonCode } from './types.ts';

export interface ReasonEntry {
  message: string;
  fix: string;
}

export const REASONS: Readonly<Record<ReasonCode, ReasonEntry>> = {
  host_network_enabled: {
    message: 'hostNetwork is enabled',
    fix: 'hostNetwork pods can never be meshed; set linkerd.io/inject: disabled on the template to make that explicit',
  },
  sidecar_already_exists: {
    message: 'pod has a sidecar injected already',
    fix: 'Remove the other sidecar (or the manually injected proxy) from the template, or set linkerd.io/inject: disabled to keep the pod out of the mesh',
  },
  unsupported_resource: {
    message: 'this resource kind is unsupported',
    fix: 'Annotate a pod or a workload with a pod template; other kinds are never injected',
  },
  injection_enable_annotation_absent: {
    message: 'neither the namespace nor the pod have the annotation "linkerd.io/inject:enabled"',
    fix: 'Annotate the namespace or the pod template with linkerd.io/inject: enabled, then restart the workload',
  },
  injection_disable_annotation_present: {
    message: 'pod has the annotation "linkerd.io/inject:disabled"',
    fix: 'Remove linkerd.io/inject: disabled from the pod template if the pod should be meshed',
  },
  invalid_inject_annotation_at_workload: {
    message: 'invalid value for annotation "linkerd.io/inject" at workload',
    fix: 'Set linkerd.io/inject on the pod template to exactly enabled, disabled or ingress',
  },
  invalid_inject_annotation_at_ns: {
    message: 'invalid value for annotation "linkerd.io/inject" at namespace',
    fix: 'Set linkerd.io/inject on the namespace to exactly enabled, disabled or ingress',
  },
  disabled_automount_service_account_token_account: {
    message:
      'automountServiceAccountToken set to "false", with Values.identity.serviceAccountTokenProjection set to "false"',
    fix: "Set automountServiceAccountToken: true on the pod template (it overrides the ServiceAccount's false), or turn identity.serviceAccountTokenProjection back on, so the proxy can get its identity",
  },
  namespace_excluded_by_webhook: {
    message: "the proxy injector webhook's namespaceSelector does not match the namespace",
    fix: "Change the namespace's labels (such as config.linkerd.io/admission-webhooks) or the injector's namespaceSelector so the webhook is called for it",
  },
  object_excluded_by_webhook: {
    message: "the proxy injector webhook's objectSelector does not match the pod's labels",
    fix: "Change the pod template's labels or the injector's objectSelector so the webhook is called for the pod",
  },
  webhook_rules_exclude_pods: {
    message:
      "the proxy injector webhook's rules do not cover pod creation, so the API server never calls it for pods",
    fix: 'Give the injector\'s MutatingWebhookConfiguration back its rule for CREATE on pods (apiGroups [""], apiVersions [v1], resources [pods]), as Linkerd installs it',
  },
  webhook_match_condition_false: {
    message:
      "one of the proxy injector webhook's matchConditions is false for this pod, so the API server skips the webhook",
    fix: "Change the pod template or the webhook's matchConditions (the explanation names the condition) so the webhook is called for the pod",
  },
  webhook_match_condition_unknown: {
    message:
      "meshwatch cannot evaluate the proxy injector webhook's matchConditions for this pod, so it cannot say whether the webhook is called",
    fix: 'Check a newly created pod (kubectl get pod -o yaml) to see whether it was injected; the explanation says which condition meshwatch cannot evaluate',
  },
  injector_not_installed: {
    message: 'no proxy injector webhook is installed, so nothing is injected',
    fix: 'Install the Linkerd control plane (its proxy-injector webhook) before expecting pods to be injected',
  },
};

/** Linkerd's order (report.go's Injectable), preceded by the webhook gates that decide whether it runs at all. */
export const REASON_ORDER: readonly ReasonCode[] = [
  'injector_not_installed',
  'namespace_excluded_by_webhook',
  'object_excluded_by_webhook',
  'webhook_rules_exclude_pods',
  'webhook_match_condition_false',
  'webhook_match_condition_unknown',
  'host_network_enabled',
  'sidecar_already_exists',
  'unsupported_resource',
  'invalid_inject_annotation_at_ns',
  'invalid_inject_annotation_at_workload',
  'injection_disable_annotation_present',
  'injection_enable_annotation_absent',
  'disabled_automount_service_account_token_account',
];

// One shared, frozen Reason per code: verdicts for thousands of pods reuse them instead of allocating.
const REASON_OBJECTS = new Map<ReasonCode, Reason>(
  REASON_ORDER.map((code) => [code, Object.freeze({ code, ...REASONS[code] })]),
);

export function reason(code: ReasonCode): Reason {
  const found = REASON_OBJECTS.get(code);
  if (!found) throw new Error(`unknown reason code ${code}`);
  return found;
}
