// Recognising containers: the Linkerd proxy (classic or native sidecar), other meshes' sidecars,
// and the parts the injector adds to a pod.
import {
  CONTROL_PLANE_NS_LABEL,
  PROXY_OWNER_LABEL_PREFIX,
  PROXY_VERSION_ANNOTATION,
  WORKLOAD_NS_LABEL,
} from './annotations.ts';
import type { ContainerRecord, ContainerStatusRecord, PodSpecRecord, StringMap } from './types.ts';

export const PROXY_CONTAINER_NAME = 'linkerd-proxy';
/** What the injector adds: the proxy, and `linkerd-init` (or `linkerd-network-validator` with the CNI plugin). */
export const INJECTED_CONTAINER_NAMES: readonly string[] = [
  PROXY_CONTAINER_NAME,
  'linkerd-init',
  'linkerd-network-validator',
];

// Mirrors Linkerd's healthcheck.HasExistingSidecars as described for 2.20: proxy names and images
// count in either list (the native proxy lives in initContainers); init names/images only in initContainers.
const SIDECAR_NAMES = ['linkerd-proxy', 'istio-proxy'];
const SIDECAR_IMAGE_PREFIXES = ['cr.l5d.io/linkerd/proxy:', 'gcr.io/istio-release/proxyv2:'];
const INIT_NAMES = ['linkerd-init', 'istio-init'];
const INIT_IMAGE_PREFIXES = ['cr.l5d.io/linkerd/proxy-init:', 'gcr.io/istio-release/proxy_init:'];

function isSidecar(c: ContainerRecord): boolean {
  return SIDECAR_NAMES.includes(c.name) || SIDECAR_IMAGE_PREFIXES.some((p) => c.image.startsWith(p));
}

function isProxyInit(c: ContainerRecord): boolean {
  return INIT_NAMES.includes(c.name) || INIT_IMAGE_PREFIXES.some((p) => c.image.startsWith(p));
}

/** The containers that make the injector answer `sidecar_already_exists`, described for a trace. */
export function existingSidecars(spec: PodSpecRecord): string[] {
  const found: string[] = [];
  for (const c of spec.containers) if (isSidecar(c)) found.push(`container ${c.name} (${c.image})`);
  for (const c of spec.initContainers) {
    if (isSidecar(c) || isProxyInit(c)) found.push(`init container ${c.name} (${c.image})`);
  }
  return found;
}

export interface ProxyContainer {
  container: ContainerRecord;
  /** Declared in initContainers (where the 2.20 injector puts it by default). */
  inInitContainers: boolean;
  /** A Kubernetes native sidecar: in initContainers with restartPolicy Always. */
  native: boolean;
}

/** Finds `linkerd-proxy` by name in containers, then in initContainers: looking only at containers misses native sidecars. */
export function findProxy(spec: PodSpecRecord): ProxyContainer | undefined {
  const classic = spec.containers.find((c) => c.name === PROXY_CONTAINER_NAME);
  if (classic) return { container: classic, inInitContainers: false, native: false };
  const init = spec.initContainers.find((c) => c.name === PROXY_CONTAINER_NAME);
  if (init) return { container: init, inInitContainers: true, native: init.restartPolicy === 'Always' };
  return undefined;
}

/** The tag of an image reference; undefined when there is none (e.g. pinned by digest only). */
export function imageTag(image: string): string | undefined {
  const at = image.indexOf('@');
  const name = at >= 0 ? image.slice(0, at) : image;
  const colon = name.lastIndexOf(':');
  // A colon before the last slash belongs to a registry port (`localhost:5000/proxy`), not a tag.
  if (colon < 0 || colon < name.lastIndexOf('/')) return undefined;
  const tag = name.slice(colon + 1);
  return tag === '' ? undefined : tag;
}

/** `linkerd.io/proxy-version`, else the proxy image's tag. */
export function proxyVersionOf(annotations: StringMap, proxy: ContainerRecord): string | undefined {
  const annotated = annotations[PROXY_VERSION_ANNOTATION];
  if (annotated) return annotated;
  return imageTag(proxy.image);
}

/** The `ready` of the proxy's status entry, looked up where the container is declared first. */
export function proxyReadiness(
  proxy: ProxyContainer,
  containerStatuses: ContainerStatusRecord[],
  initContainerStatuses: ContainerStatusRecord[],
): boolean | undefined {
  const [first, second] = proxy.inInitContainers
    ? [initContainerStatuses, containerStatuses]
    : [containerStatuses, initContainerStatuses];
  const status =
    first.find((s) => s.name === PROXY_CONTAINER_NAME) ?? second.find((s) => s.name === PROXY_CONTAINER_NAME);
  return status?.ready;
}

function isInjectorLabel(key: string): boolean {
  return (
    key === CONTROL_PLANE_NS_LABEL || key === WORKLOAD_NS_LABEL || key.startsWith(PROXY_OWNER_LABEL_PREFIX)
  );
}

/**
 * A bare pod as its author wrote it: without the containers and labels the injector added.
 * Annotations are kept (see analyze's notes on the copied `linkerd.io/inject`).
 */
export function stripInjected(spec: PodSpecRecord): PodSpecRecord {
  const labels: Record<string, string> = {};
  for (const [key, value] of Object.entries(spec.labels)) if (!isInjectorLabel(key)) labels[key] = value;
  return {
    labels,
    annotations: spec.annotations,
    hostNetwork: spec.hostNetwork,
    automountServiceAccountToken: spec.automountServiceAccountToken,
    containers: spec.containers.filter((c) => !INJECTED_CONTAINER_NAMES.includes(c.name)),
    initContainers: spec.initContainers.filter((c) => !INJECTED_CONTAINER_NAMES.includes(c.name)),
    serviceAccountName: spec.serviceAccountName,
    // Kept: it was read past linkerd-proxy, so it describes the author's first container.
    firstContainerTokenMount: spec.firstContainerTokenMount,
  };
}
