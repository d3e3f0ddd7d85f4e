import 'server-only';
// Control-plane facts from the `linkerd-config` ConfigMap (its `values` key holds the Helm values as
// YAML) plus the proxy-injector pods. The ConfigMap is looked for by name in every namespace; the
// control-plane namespace (default `linkerd`, or MESHWATCH_LINKERD_NAMESPACE) wins when there are several.
import type { V1ConfigMap } from '@kubernetes/client-node';
import { parse } from 'yaml';
import { CONTROL_PLANE_COMPONENT_LABEL } from '@/lib/mesh';
import type { ControlPlaneRecord, PodRecord } from '@/lib/mesh/types';

export const LINKERD_CONFIG_NAME = 'linkerd-config';

/** What the cache keeps of a linkerd-config: everything but the injector pod counts. */
export type LinkerdConfigRecord = Omit<ControlPlaneRecord, 'injectorPods'> & { parseError?: string };

function at(tree: unknown, ...path: string[]): unknown {
  let node = tree;
  for (const key of path) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

export function toLinkerdConfig(cm: V1ConfigMap): LinkerdConfigRecord {
  const namespace = cm.metadata?.namespace ?? '';
  let values: unknown = {};
  let parseError: string | undefined;
  try {
    values = parse(cm.data?.values ?? '') ?? {};
  } catch (err) {
    parseError = `linkerd-config "values" is not valid YAML: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`;
  }
  const linkerdVersion = nonEmptyString(at(values, 'linkerdVersion'));
  const record: LinkerdConfigRecord = {
    namespace,
    // `proxy.image.version` is empty in default installs: the injector then uses linkerdVersion.
    nativeSidecar: at(values, 'proxy', 'nativeSidecar') === true,
    // Linkerd's default is true; only an explicit false changes the injector's behaviour.
    serviceAccountTokenProjection: at(values, 'identity', 'serviceAccountTokenProjection') !== false,
  };
  if (linkerdVersion) record.linkerdVersion = linkerdVersion;
  const injectProxyVersion = nonEmptyString(at(values, 'proxy', 'image', 'version')) ?? linkerdVersion;
  if (injectProxyVersion) record.injectProxyVersion = injectProxyVersion;
  if (parseError) record.parseError = parseError;
  return record;
}

function isPodReady(pod: PodRecord): boolean {
  return (
    pod.phase === 'Running' && pod.containerStatuses.length > 0 && pod.containerStatuses.every((s) => s.ready)
  );
}

export function toControlPlane(
  configs: LinkerdConfigRecord[],
  pods: Iterable<PodRecord>,
  preferredNamespace: string,
): ControlPlaneRecord | null {
  const config =
    configs.find((c) => c.namespace === preferredNamespace) ??
    [...configs].sort((a, b) => a.namespace.localeCompare(b.namespace))[0];
  if (!config) return null;
  const injectorPods = { total: 0, ready: 0 };
  for (const pod of pods) {
    if (pod.namespace !== config.namespace || pod.labels[CONTROL_PLANE_COMPONENT_LABEL] !== 'proxy-injector')
      continue;
    if (pod.deleting || (pod.phase !== 'Running' && pod.phase !== 'Pending')) continue;
    injectorPods.total++;
    if (isPodReady(pod)) injectorPods.ready++;
  }
  const { parseError, ...facts } = config;
  return parseError ? { ...facts, injectorPods, configError: parseError } : { ...facts, injectorPods };
}
