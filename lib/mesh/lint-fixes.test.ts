import { describe, expect, it } from 'vitest';
import { mergePatch } from './changes.ts';
import { namespace, spec, workload } from '../test/mesh-fixtures.ts';
import { lintFix, type LintFixPlan } from './lint-fixes.ts';

const patchOf = (plan: LintFixPlan) => {
  if (!plan.applicable) throw new Error(`not applicable: ${plan.why}`);
  return mergePatch(plan.change);
};

describe('lintFix on a namespace', () => {
  it('moves the label to an annotation', () => {
    const ns = namespace('shop', { labels: { 'linkerd.io/inject': 'enabled' } });
    expect(patchOf(lintFix({ kind: 'Namespace', record: ns }, 'inject_set_as_label'))).toEqual({
      metadata: { annotations: { 'linkerd.io/inject': 'enabled' }, labels: { 'linkerd.io/inject': null } },
    });
  });

  it('keeps an annotation already there and only drops the label', () => {
    const ns = namespace('shop', {
      labels: { 'linkerd.io/inject': 'enabled' },
      annotations: { 'linkerd.io/inject': 'disabled' },
    });
    expect(patchOf(lintFix({ kind: 'Namespace', record: ns }, 'inject_set_as_label'))).toEqual({
      metadata: { labels: { 'linkerd.io/inject': null } },
    });
  });

  it('asks for a value when the label value is not a valid one', () => {
    const ns = namespace('shop', { labels: { 'linkerd.io/inject': 'true' } });
    expect(lintFix({ kind: 'Namespace', record: ns }, 'inject_set_as_label')).toMatchObject({
      applicable: false,
      needsValue: true,
    });
    expect(patchOf(lintFix({ kind: 'Namespace', record: ns }, 'inject_set_as_label', 'enabled'))).toEqual({
      metadata: { annotations: { 'linkerd.io/inject': 'enabled' }, labels: { 'linkerd.io/inject': null } },
    });
  });

  it('replaces an invalid value with the chosen one, and needs the choice', () => {
    const ns = namespace('shop', { annotations: { 'linkerd.io/inject': 'Enabled' } });
    expect(lintFix({ kind: 'Namespace', record: ns }, 'invalid_inject_value')).toMatchObject({
      needsValue: true,
    });
    expect(patchOf(lintFix({ kind: 'Namespace', record: ns }, 'invalid_inject_value', 'enabled'))).toEqual({
      metadata: { annotations: { 'linkerd.io/inject': 'enabled' } },
    });
  });

  it('removes the legacy label, and says when it is already gone', () => {
    const ns = namespace('shop', { labels: { 'linkerd.io/auto-inject': 'enabled' } });
    expect(patchOf(lintFix({ kind: 'Namespace', record: ns }, 'legacy_auto_inject_label'))).toEqual({
      metadata: { labels: { 'linkerd.io/auto-inject': null } },
    });
    expect(
      lintFix({ kind: 'Namespace', record: namespace('shop') }, 'legacy_auto_inject_label'),
    ).toMatchObject({
      applicable: false,
    });
  });

  it('has no annotation_on_workload_metadata fix for a namespace', () => {
    expect(
      lintFix({ kind: 'Namespace', record: namespace('shop') }, 'annotation_on_workload_metadata').applicable,
    ).toBe(false);
  });
});

describe('lintFix on a workload', () => {
  it('moves the annotation from the workload metadata to the pod template', () => {
    const w = workload('Deployment', 'web', { annotations: { 'linkerd.io/inject': 'enabled' } });
    expect(patchOf(lintFix({ kind: 'Workload', record: w }, 'annotation_on_workload_metadata'))).toEqual({
      metadata: { annotations: { 'linkerd.io/inject': null } },
      spec: { template: { metadata: { annotations: { 'linkerd.io/inject': 'enabled' } } } },
    });
  });

  it('uses the CronJob job template path', () => {
    const w = workload('CronJob', 'nightly', { annotations: { 'linkerd.io/inject': 'enabled' } });
    expect(
      patchOf(lintFix({ kind: 'Workload', record: w }, 'annotation_on_workload_metadata')),
    ).toMatchObject({
      spec: {
        jobTemplate: {
          spec: { template: { metadata: { annotations: { 'linkerd.io/inject': 'enabled' } } } },
        },
      },
    });
  });

  it('moves a template label to a template annotation', () => {
    const w = workload('StatefulSet', 'db', {
      template: spec({ labels: { app: 'db', 'linkerd.io/inject': 'enabled' } }),
    });
    expect(patchOf(lintFix({ kind: 'Workload', record: w }, 'inject_set_as_label'))).toEqual({
      spec: {
        template: {
          metadata: {
            annotations: { 'linkerd.io/inject': 'enabled' },
            labels: { 'linkerd.io/inject': null },
          },
        },
      },
    });
  });

  it('fixes an invalid template value', () => {
    const w = workload('DaemonSet', 'agent', {
      template: spec({ annotations: { 'linkerd.io/inject': 'yes' } }),
    });
    expect(patchOf(lintFix({ kind: 'Workload', record: w }, 'invalid_inject_value', 'disabled'))).toEqual({
      spec: { template: { metadata: { annotations: { 'linkerd.io/inject': 'disabled' } } } },
    });
  });

  it('refuses kinds whose template another controller owns', () => {
    const w = workload('ReplicaSet', 'web-1', { annotations: { 'linkerd.io/inject': 'enabled' } });
    const plan = lintFix({ kind: 'Workload', record: w }, 'annotation_on_workload_metadata');
    expect(plan.applicable).toBe(false);
  });
});
