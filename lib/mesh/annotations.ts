// The annotation and label keys Linkerd reads and writes, and the values `linkerd.io/inject` accepts.
// Keys mirror Linkerd's pkg/k8s/labels.go; the meaning of each is in the reference notes.
import type { StringMap } from './types.ts';

/** The opt-in annotation. Only annotations count: the webhook never looks at a label of this name. */
export const INJECT_ANNOTATION = 'linkerd.io/inject';
/** `linkerd/proxy-injector <version>` from the webhook, `linkerd/cli <version>` from `linkerd inject`. */
export const CREATED_BY_ANNOTATION = 'linkerd.io/created-by';
export const PROXY_VERSION_ANNOTATION = 'linkerd.io/proxy-version';
export const TRUST_ROOT_SHA_ANNOTATION = 'linkerd.io/trust-root-sha256';
/** Per-pod native-sidecar overrides, most specific first (the injector reads them in this order). */
export const NATIVE_SIDECAR_ANNOTATIONS = [
  'config.linkerd.io/proxy-enable-native-sidecar',
  'config.beta.linkerd.io/proxy-enable-native-sidecar',
  'config.alpha.linkerd.io/proxy-enable-native-sidecar',
] as const;
/** Set by `kubectl rollout restart` on the pod template. */
export const RESTARTED_AT_ANNOTATION = 'kubectl.kubernetes.io/restartedAt';

/** viz's IsMeshed looks only at this label; `linkerd check` looks for the container instead. */
export const CONTROL_PLANE_NS_LABEL = 'linkerd.io/control-plane-ns';
export const WORKLOAD_NS_LABEL = 'linkerd.io/workload-ns';
/** `linkerd.io/proxy-deployment`, `-replicaset`, `-job`, … — written by the injector. */
export const PROXY_OWNER_LABEL_PREFIX = 'linkerd.io/proxy-';
/** Control-plane pods carry it; the default objectSelector excludes them with DoesNotExist. */
export const CONTROL_PLANE_COMPONENT_LABEL = 'linkerd.io/control-plane-component';
/** The 2018 opt-in label, removed in stable-2.2.0 and honoured nowhere today. */
export const LEGACY_AUTO_INJECT_LABEL = 'linkerd.io/auto-inject';
/** The control-plane namespace carries `disabled`, which the default namespaceSelector excludes. */
export const ADMISSION_WEBHOOKS_LABEL = 'config.linkerd.io/admission-webhooks';
/** The API server sets it on every namespace (Kubernetes >= 1.21). */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

export const CREATED_BY_INJECTOR_PREFIX = 'linkerd/proxy-injector';
export const CREATED_BY_CLI_PREFIX = 'linkerd/cli';

export const INJECT_VALUES = ['enabled', 'disabled', 'ingress'] as const;
export type InjectValue = (typeof INJECT_VALUES)[number];

/** The values in words, for messages: `"enabled", "disabled", "ingress"`. */
export const INJECT_VALUES_LISTED = INJECT_VALUES.map((v) => JSON.stringify(v)).join(', ');

/** The raw `linkerd.io/inject` value; absent and empty are the same thing to the injector (Go's map lookup). */
export function injectValueOf(annotations: StringMap): string {
  return annotations[INJECT_ANNOTATION] ?? '';
}

/** Mirrors report.go's isInjectAnnotationValid: empty is allowed, otherwise exact and case-sensitive. */
export function isValidInjectValue(value: string): boolean {
  return value === '' || (INJECT_VALUES as readonly string[]).includes(value);
}

/** `enabled` and `ingress` both ask for a proxy; `ingress` only changes how the proxy routes. */
export function optsIn(value: string): boolean {
  return value === 'enabled' || value === 'ingress';
}

/** A value the injector rejects: non-empty and not one of the three. */
export function isInvalidInjectValue(value: string): boolean {
  return !isValidInjectValue(value);
}

/** How a value reads in a sentence: `""` for empty, the value in quotes otherwise. */
export function quoteValue(value: string | undefined): string {
  return value === undefined ? 'absent' : JSON.stringify(value);
}
