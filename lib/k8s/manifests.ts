import 'server-only';
// Manifests not yet applied (`meshwatch check -f`, #29): multi-document YAML or JSON, as `helm template`,
// `kustomize build` or a repository's files give them, turned into the engine's records by the same
// converters the cluster's objects go through. Lists are expanded; an object without a namespace gets
// the one `kubectl apply` would give it.
import { parseAllDocuments } from 'yaml';
import type { ManifestRecords } from '@/lib/mesh/predict';
import { DumpError, toRecords } from './dump';

type Obj = {
  kind?: unknown;
  apiVersion?: unknown;
  items?: unknown;
  metadata?: { name?: unknown; namespace?: unknown; uid?: unknown };
};

/** Kinds that live in no namespace (the rest get the default one when they name none). */
const CLUSTER_SCOPED = new Set([
  'Namespace',
  'MutatingWebhookConfiguration',
  'ValidatingWebhookConfiguration',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'PersistentVolume',
  'StorageClass',
  'PriorityClass',
  'Node',
]);

export class ManifestError extends Error {
  override readonly name = 'ManifestError';
}

/** Every object of one input text (YAML documents or JSON), Lists expanded; `origin` names it in errors. */
export function manifestObjects(text: string, origin: string): Obj[] {
  const out: Obj[] = [];
  const docs = parseAllDocuments(text, { prettyErrors: true });
  for (const doc of Array.isArray(docs) ? docs : [docs]) {
    const error = doc.errors[0];
    if (error)
      throw new ManifestError(`${origin} is not valid YAML or JSON: ${error.message.split('\n')[0]}`);
    const value = doc.toJS({ maxAliasCount: 100 }) as unknown;
    if (value === null || value === undefined) continue; // an empty document (`---` at the end)
    expand(value, origin, out);
  }
  return out;
}

function expand(value: unknown, origin: string, out: Obj[]): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new ManifestError(`${origin} holds something that is not a Kubernetes object.`);
  const obj = value as Obj;
  if (typeof obj.kind === 'string' && obj.kind.endsWith('List') && Array.isArray(obj.items)) {
    for (const item of obj.items) expand(item, origin, out);
    return;
  }
  out.push(obj);
}

/**
 * The records the input would create. Objects of kinds the engine does not read are ignored; a
 * namespaced object without a namespace gets `defaultNamespace`; each gets a uid of its own (the
 * engine keys templates by uid, and manifests have none).
 */
export function manifestRecords(
  inputs: readonly { text: string; origin: string }[],
  defaultNamespace: string,
): ManifestRecords & { objects: number } {
  const objects: Obj[] = [];
  for (const { text, origin } of inputs) objects.push(...manifestObjects(text, origin));
  const prepared = objects.map((obj) => {
    const kind = typeof obj.kind === 'string' ? obj.kind : '';
    const metadata = { ...(obj.metadata ?? {}) };
    if (!CLUSTER_SCOPED.has(kind) && typeof metadata.namespace !== 'string')
      metadata.namespace = defaultNamespace;
    if (typeof metadata.uid !== 'string')
      metadata.uid = `manifest:${kind}/${String(metadata.namespace ?? '')}/${String(metadata.name)}`;
    return { ...obj, metadata };
  });
  try {
    const records = toRecords(prepared, 'the input');
    return {
      namespaces: records.namespaces,
      workloads: records.workloads,
      pods: records.pods,
      objects: prepared.length,
    };
  } catch (err) {
    if (err instanceof DumpError) throw new ManifestError(err.message);
    throw err;
  }
}
