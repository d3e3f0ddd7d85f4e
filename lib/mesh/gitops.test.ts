import { describe, expect, it } from 'vitest';
import { gitOpsManager } from './gitops.ts';

const meta = (labels: Record<string, string> = {}, annotations: Record<string, string> = {}) => ({
  labels,
  annotations,
});

describe('gitOpsManager', () => {
  it('finds nothing on a hand-made object', () => {
    expect(gitOpsManager(meta({ app: 'web' }))).toBeUndefined();
  });

  it('names the Argo CD app from its instance label, in the sentence the confirmation shows', () => {
    const found = gitOpsManager(meta({ 'argocd.argoproj.io/instance': 'shop' }));
    expect(found).toMatchObject({
      tool: 'argocd',
      name: 'shop',
      evidence: 'label argocd.argoproj.io/instance',
    });
    expect(found?.sentence).toBe(
      'managed by Argo CD app `shop`: this change will be reverted at the next sync unless you make it in Git',
    );
  });

  it('reads the app from the tracking annotation when there is no label', () => {
    const found = gitOpsManager(
      meta({}, { 'argocd.argoproj.io/tracking-id': 'payments:apps/Deployment:pay/api' }),
    );
    expect(found).toMatchObject({ tool: 'argocd', name: 'payments' });
  });

  it('prefers Argo CD over the Helm labels of a chart it renders', () => {
    const found = gitOpsManager(
      meta({ 'app.kubernetes.io/managed-by': 'Helm', 'argocd.argoproj.io/instance': 'shop' }),
    );
    expect(found?.tool).toBe('argocd');
  });

  it('names a Flux Kustomization as namespace/name', () => {
    const found = gitOpsManager(
      meta({
        'kustomize.toolkit.fluxcd.io/name': 'apps',
        'kustomize.toolkit.fluxcd.io/namespace': 'flux-system',
      }),
    );
    expect(found).toMatchObject({ tool: 'flux', what: 'Flux Kustomization', name: 'flux-system/apps' });
    expect(found?.sentence).toContain('reverted at the next reconciliation unless you make it in Git');
  });

  it('prefers a Flux HelmRelease over the Helm labels helm-controller leaves', () => {
    const found = gitOpsManager(
      meta(
        { 'helm.toolkit.fluxcd.io/name': 'web', 'app.kubernetes.io/managed-by': 'Helm' },
        { 'meta.helm.sh/release-name': 'web' },
      ),
    );
    expect(found).toMatchObject({ tool: 'flux', what: 'Flux HelmRelease', name: 'web' });
  });

  it('names a Helm release from its annotation, or says Helm from the label alone', () => {
    expect(gitOpsManager(meta({}, { 'meta.helm.sh/release-name': 'web' }))).toMatchObject({
      tool: 'helm',
      name: 'web',
    });
    const unnamed = gitOpsManager(meta({ 'app.kubernetes.io/managed-by': 'Helm' }));
    expect(unnamed).toMatchObject({ tool: 'helm', name: '' });
    expect(unnamed?.sentence).toMatch(/^managed by Helm release: /);
    expect(gitOpsManager(meta({ 'app.kubernetes.io/managed-by': 'kustomize' }))).toBeUndefined();
  });
});
