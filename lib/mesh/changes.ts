// A metadata change meshwatch can make, as data: which object, which keys (on its own metadata or on
// its pod template) and their new values (null = remove). The merge patch, the kubectl commands and the
// manifest fragment are all derived from this one description, so what the button does, what the
// preview shows and what the user can copy never disagree.
import { INJECT_ANNOTATION } from './annotations.ts';
import type { WorkloadKind } from './types.ts';

/** Kinds whose pod template meshwatch edits (the ones a user writes a manifest for). */
export const TEMPLATE_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet', 'CronJob'] as const;
export type TemplateKind = (typeof TEMPLATE_KINDS)[number];

export function isTemplateKind(kind: string): kind is TemplateKind {
  return (TEMPLATE_KINDS as readonly string[]).includes(kind);
}

export type ChangeTarget =
  { kind: 'Namespace'; name: string } | { kind: TemplateKind; namespace: string; name: string };

export interface MetadataEdit {
  /** `object`: the target's own metadata; `template`: its pod template's. */
  on: 'object' | 'template';
  field: 'annotations' | 'labels';
  key: string;
  /** null removes the key. */
  value: string | null;
}

export interface MetadataChange {
  target: ChangeTarget;
  edits: MetadataEdit[];
}

export const API_VERSIONS: Readonly<Record<ChangeTarget['kind'], string>> = {
  Namespace: 'v1',
  Deployment: 'apps/v1',
  StatefulSet: 'apps/v1',
  DaemonSet: 'apps/v1',
  CronJob: 'batch/v1',
};

/** Where the pod template's metadata lives, as a path of keys. */
export function templateMetadataPath(kind: WorkloadKind): string[] {
  return kind === 'CronJob'
    ? ['spec', 'jobTemplate', 'spec', 'template', 'metadata']
    : ['spec', 'template', 'metadata'];
}

export function editPath(target: ChangeTarget, edit: MetadataEdit): string[] {
  const base =
    edit.on === 'object' || target.kind === 'Namespace' ? ['metadata'] : templateMetadataPath(target.kind);
  return [...base, edit.field];
}

type Json = { [key: string]: Json | string | null };

function nest(root: Json, path: string[]): Json {
  let node = root;
  for (const key of path) {
    const next = node[key];
    if (typeof next === 'object' && next !== null) node = next;
    else node = node[key] = {};
  }
  return node;
}

/**
 * The JSON merge patch (RFC 7386) for the change: only the named keys, null for a removal. The caller
 * adds `metadata.resourceVersion` as the precondition.
 */
export function mergePatch(change: MetadataChange): Json {
  const patch: Json = {};
  for (const edit of change.edits) nest(patch, editPath(change.target, edit))[edit.key] = edit.value;
  return patch;
}

/** True when applying the change to these maps would change nothing. */
export function isNoop(
  edits: readonly MetadataEdit[],
  current: (edit: MetadataEdit) => string | undefined,
): boolean {
  return edits.every((e) => (current(e) ?? null) === e.value);
}

/** The namespace-level `linkerd.io/inject` change the Injection button makes (null removes it). */
export function namespaceInjectionChange(namespace: string, value: string | null): MetadataChange {
  return {
    target: { kind: 'Namespace', name: namespace },
    edits: [{ on: 'object', field: 'annotations', key: INJECT_ANNOTATION, value }],
  };
}
