// Who else writes this object? A namespace or workload rendered by Argo CD, Flux or Helm gets its
// manifest back at the next sync, so a one-click patch is an emergency measure, not the fix: the fix is
// the same change in Git. Detection reads only the labels and annotations these tools stamp on what
// they apply (Argo CD's instance label and tracking annotation, Flux's kustomize/helm toolkit labels,
// Helm's managed-by label and release annotations).
import type { StringMap } from './types.ts';

export const GITOPS_TOOLS = ['argocd', 'flux', 'helm'] as const;
export type GitOpsTool = (typeof GITOPS_TOOLS)[number];

export const ARGOCD_INSTANCE_LABEL = 'argocd.argoproj.io/instance';
/** `<app>:<group>/<kind>:<namespace>/<name>` (annotation tracking, Argo CD >= 2.2). */
export const ARGOCD_TRACKING_ANNOTATION = 'argocd.argoproj.io/tracking-id';
export const FLUX_KUSTOMIZE_PREFIX = 'kustomize.toolkit.fluxcd.io/';
export const FLUX_HELM_PREFIX = 'helm.toolkit.fluxcd.io/';
export const HELM_MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';
export const HELM_RELEASE_ANNOTATION = 'meta.helm.sh/release-name';
export const HELM_RELEASE_NAMESPACE_ANNOTATION = 'meta.helm.sh/release-namespace';

export interface GitOpsManager {
  tool: GitOpsTool;
  /** "Argo CD app", "Flux Kustomization", "Flux HelmRelease", "Helm release". */
  what: string;
  /** The app / Kustomization / release name (`namespace/name` for Flux when known); '' when unnamed. */
  name: string;
  /** The label or annotation that told us. */
  evidence: string;
  /** One sentence for the row's tooltip and the confirmation. */
  sentence: string;
}

export interface Metadata {
  labels: StringMap;
  annotations: StringMap;
}

function named(what: string, name: string): string {
  return name ? `${what} \`${name}\`` : what;
}

function argo(meta: Metadata): GitOpsManager | undefined {
  const instance = meta.labels[ARGOCD_INSTANCE_LABEL];
  const tracking = meta.annotations[ARGOCD_TRACKING_ANNOTATION];
  if (instance === undefined && tracking === undefined) return undefined;
  const name = instance ?? tracking?.split(':')[0] ?? '';
  return {
    tool: 'argocd',
    what: 'Argo CD app',
    name,
    evidence:
      instance !== undefined ? `label ${ARGOCD_INSTANCE_LABEL}` : `annotation ${ARGOCD_TRACKING_ANNOTATION}`,
    sentence: `managed by ${named('Argo CD app', name)}: this change will be reverted at the next sync unless you make it in Git`,
  };
}

function flux(meta: Metadata): GitOpsManager | undefined {
  for (const [prefix, what] of [
    [FLUX_KUSTOMIZE_PREFIX, 'Flux Kustomization'],
    [FLUX_HELM_PREFIX, 'Flux HelmRelease'],
  ] as const) {
    const keys = Object.keys(meta.labels).filter((k) => k.startsWith(prefix));
    if (keys.length === 0) continue;
    const name = meta.labels[`${prefix}name`] ?? '';
    const ns = meta.labels[`${prefix}namespace`];
    const full = name && ns ? `${ns}/${name}` : name;
    return {
      tool: 'flux',
      what,
      name: full,
      evidence: `label ${keys.sort()[0]}`,
      sentence: `managed by ${named(what, full)}: this change will be reverted at the next reconciliation unless you make it in Git`,
    };
  }
  return undefined;
}

function helm(meta: Metadata): GitOpsManager | undefined {
  const release = meta.annotations[HELM_RELEASE_ANNOTATION];
  const managedBy = meta.labels[HELM_MANAGED_BY_LABEL];
  if (release === undefined && managedBy !== 'Helm') return undefined;
  const name = release ?? '';
  return {
    tool: 'helm',
    what: 'Helm release',
    name,
    evidence:
      release !== undefined
        ? `annotation ${HELM_RELEASE_ANNOTATION}`
        : `label ${HELM_MANAGED_BY_LABEL}: Helm`,
    // Helm 3's three-way merge keeps a live edit the chart does not set; one it does set is reverted.
    sentence: `managed by ${named('Helm release', name)}: the next helm upgrade reverts this change if the chart sets it, so make it in the chart or its values`,
  };
}

/**
 * The tool that owns this object's manifest, if any. Argo CD first (it renders Helm charts, so its
 * objects carry Helm's labels too), then Flux (helm-controller's objects carry them as well), then Helm.
 */
export function gitOpsManager(meta: Metadata): GitOpsManager | undefined {
  return argo(meta) ?? flux(meta) ?? helm(meta);
}
