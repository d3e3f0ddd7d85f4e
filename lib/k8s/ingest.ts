import 'server-only';
// API objects → the engine's slim records, on ingest. Objects arrive two ways: typed from list calls
// (timestamps as Date) and as plain JSON from watches (timestamps as strings); both go through here.
import type {
  V1Container,
  V1ContainerStatus,
  V1ManagedFieldsEntry,
  V1Namespace,
  V1ObjectMeta,
  V1OwnerReference,
  V1Pod,
  V1PodTemplateSpec,
} from '@kubernetes/client-node';
import { INJECT_ANNOTATION } from '@/lib/mesh/annotations';
import { TOKEN_MOUNT_PATH } from '@/lib/mesh/automount';
import { PROXY_CONTAINER_NAME } from '@/lib/mesh/sidecar';
import type {
  ContainerRecord,
  ContainerStatusRecord,
  NamespaceRecord,
  OwnerRef,
  PodPhase,
  PodRecord,
  PodSpecRecord,
  StringMap,
} from '@/lib/mesh/types';

const INJECT_FIELD = `f:${INJECT_ANNOTATION}`;
/** Large and never read by the injector: dropped to keep memory flat. */
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
const DROPPED_ANNOTATIONS = [LAST_APPLIED];
const PHASES: readonly PodPhase[] = ['Pending', 'Running', 'Succeeded', 'Failed', 'Unknown'];

/** RFC 3339 text from a Date or a string; '' when absent. */
export function isoTime(value: unknown): string {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString();
  if (typeof value === 'string') return value;
  return '';
}

export function stringMap(map: Record<string, string> | undefined): StringMap {
  return map ? { ...map } : {};
}

function slimAnnotations(map: Record<string, string> | undefined): StringMap {
  if (!map) return {};
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(map)) if (!DROPPED_ANNOTATIONS.includes(key)) out[key] = value;
  return out;
}

export function metaOf(meta: V1ObjectMeta | undefined) {
  return {
    name: meta?.name ?? '',
    namespace: meta?.namespace ?? '',
    uid: meta?.uid ?? '',
    createdAt: isoTime(meta?.creationTimestamp),
    labels: stringMap(meta?.labels),
    annotations: slimAnnotations(meta?.annotations),
    deleting: meta?.deletionTimestamp !== undefined && meta?.deletionTimestamp !== null,
  };
}

/** The controlling owner (ownerReferences[].controller), else the first one. */
export function ownerOf(refs: V1OwnerReference[] | undefined): OwnerRef | undefined {
  const ref = refs?.find((r) => r.controller) ?? refs?.[0];
  return ref ? { kind: ref.kind, name: ref.name, uid: ref.uid } : undefined;
}

function containerOf(c: V1Container): ContainerRecord {
  return c.restartPolicy
    ? { name: c.name, image: c.image ?? '', restartPolicy: c.restartPolicy }
    : { name: c.name, image: c.image ?? '' };
}

function statusOf(s: V1ContainerStatus): ContainerStatusRecord {
  return { name: s.name, ready: s.ready === true, image: s.image ?? '', restartCount: s.restartCount ?? 0 };
}

export function podSpecOf(template: V1PodTemplateSpec | undefined): PodSpecRecord {
  const spec = template?.spec;
  const record: PodSpecRecord = {
    labels: stringMap(template?.metadata?.labels),
    annotations: slimAnnotations(template?.metadata?.annotations),
    hostNetwork: spec?.hostNetwork === true,
    containers: (spec?.containers ?? []).map(containerOf),
    initContainers: (spec?.initContainers ?? []).map(containerOf),
  };
  if (typeof spec?.automountServiceAccountToken === 'boolean') {
    record.automountServiceAccountToken = spec.automountServiceAccountToken;
  }
  // serviceAccount is the deprecated alias the API server still fills in.
  const serviceAccount = spec?.serviceAccountName || spec?.serviceAccount;
  if (serviceAccount) record.serviceAccountName = serviceAccount;
  // A template has not been through admission: only a mount it declares itself is known.
  if (mountsToken(spec?.containers?.[0])) record.firstContainerTokenMount = true;
  return record;
}

function mountsToken(c: V1Container | undefined): boolean {
  return c?.volumeMounts?.some((m) => m.mountPath === TOKEN_MOUNT_PATH) ?? false;
}

/**
 * An admitted pod's first container, as the injector saw it: the first one that is not linkerd-proxy,
 * because a classic proxy is inserted at index 0 (proxy.await, the default) after admission. Other
 * webhooks that insert containers first would shift this; none of Linkerd's do.
 */
export function firstContainerTokenMount(pod: V1Pod): boolean | undefined {
  const first = pod.spec?.containers?.find((c) => c.name !== PROXY_CONTAINER_NAME);
  return first ? mountsToken(first) : undefined;
}

/**
 * When `linkerd.io/inject` was last written: the newest managedFields entry that owns
 * `f:metadata/f:annotations/f:linkerd.io/inject`. Absent when the annotation is.
 */
export function injectAnnotationSetAt(entries: V1ManagedFieldsEntry[] | undefined): string | undefined {
  let latest: string | undefined;
  for (const entry of entries ?? []) {
    const fields = entry.fieldsV1 as
      { 'f:metadata'?: { 'f:annotations'?: Record<string, unknown> } } | undefined;
    if (
      !fields?.['f:metadata']?.['f:annotations'] ||
      !(INJECT_FIELD in fields['f:metadata']['f:annotations'])
    )
      continue;
    const time = isoTime(entry.time);
    if (time && (!latest || Date.parse(time) > Date.parse(latest))) latest = time;
  }
  return latest;
}

export function toNamespaceRecord(ns: V1Namespace): NamespaceRecord {
  const meta = metaOf(ns.metadata);
  const record: NamespaceRecord = {
    name: meta.name,
    uid: meta.uid,
    labels: meta.labels,
    annotations: meta.annotations,
    createdAt: meta.createdAt,
    deleting: meta.deleting || ns.status?.phase === 'Terminating',
  };
  if (meta.annotations[INJECT_ANNOTATION] !== undefined) {
    const setAt = injectAnnotationSetAt(ns.metadata?.managedFields);
    if (setAt) record.injectAnnotationSetAt = setAt;
  }
  return record;
}

/** `linkerd.io/inject` in kubectl's last-applied manifest: null when absent there, undefined without one. */
export function manifestInjectValue(
  annotations: Record<string, string> | undefined,
): string | null | undefined {
  const applied = annotations?.[LAST_APPLIED];
  if (!applied) return undefined;
  try {
    const manifest = JSON.parse(applied) as { metadata?: { annotations?: Record<string, unknown> } };
    const value = manifest.metadata?.annotations?.[INJECT_ANNOTATION];
    return typeof value === 'string' ? value : null;
  } catch {
    return undefined;
  }
}

export function toPodRecord(pod: V1Pod): PodRecord {
  const meta = metaOf(pod.metadata);
  const phase = PHASES.find((p) => p === pod.status?.phase) ?? 'Unknown';
  const record: PodRecord = {
    ...podSpecOf({ metadata: pod.metadata, spec: pod.spec }),
    namespace: meta.namespace,
    name: meta.name,
    uid: meta.uid,
    createdAt: meta.createdAt,
    phase,
    deleting: meta.deleting,
    containerStatuses: (pod.status?.containerStatuses ?? []).map(statusOf),
    initContainerStatuses: (pod.status?.initContainerStatuses ?? []).map(statusOf),
  };
  // Admitted: the mount is known either way (it replaces podSpecOf's template-only reading).
  const tokenMount = firstContainerTokenMount(pod);
  if (tokenMount !== undefined) record.firstContainerTokenMount = tokenMount;
  if (pod.spec?.nodeName) record.nodeName = pod.spec.nodeName;
  const manifestValue = manifestInjectValue(pod.metadata?.annotations);
  if (manifestValue !== undefined) record.manifestInjectValue = manifestValue;
  const owner = ownerOf(pod.metadata?.ownerReferences);
  if (owner) record.owner = owner;
  return record;
}
