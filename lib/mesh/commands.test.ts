import { describe, expect, it } from 'vitest';
import { mergePatch, namespaceInjectionChange, type MetadataChange } from './changes.ts';
import { kubectlCommands, manifestFragment, restartCommand, shellQuote, yamlScalar } from './commands.ts';
import { workloadInjectionChange } from './workload-injection.ts';

const nsChange = (value: string | null): MetadataChange => ({
  target: { kind: 'Namespace', name: 'shop' },
  edits: [{ on: 'object', field: 'annotations', key: 'linkerd.io/inject', value }],
});

describe('namespace annotation', () => {
  it('is the change the Injection button makes', () => {
    expect(namespaceInjectionChange('shop', 'enabled')).toEqual(nsChange('enabled'));
    expect(namespaceInjectionChange('shop', null)).toEqual(nsChange(null));
  });

  it('annotates with --overwrite, and removes with key-', () => {
    expect(kubectlCommands(nsChange('enabled'))).toEqual([
      'kubectl annotate namespace shop linkerd.io/inject=enabled --overwrite',
    ]);
    expect(kubectlCommands(nsChange(null))).toEqual(['kubectl annotate namespace shop linkerd.io/inject-']);
  });

  it('gives the manifest fragment, a comment for a removal', () => {
    expect(manifestFragment(nsChange('enabled'))).toBe(
      'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  annotations:\n    linkerd.io/inject: enabled\n',
    );
    expect(manifestFragment(nsChange(null))).toContain(
      '  annotations:\n    # remove linkerd.io/inject from here\n',
    );
  });

  it('patches only metadata.annotations', () => {
    expect(mergePatch(nsChange(null))).toEqual({ metadata: { annotations: { 'linkerd.io/inject': null } } });
  });
});

describe('workload template injection', () => {
  it('uses a merge patch on spec.template (kubectl annotate would hit the wrong metadata)', () => {
    const change = workloadInjectionChange(
      { kind: 'Deployment', namespace: 'shop', name: 'web' },
      'disabled',
    );
    expect(kubectlCommands(change)).toEqual([
      `kubectl patch deployment web -n shop --type=merge -p '{"spec":{"template":{"metadata":{"annotations":{"linkerd.io/inject":"disabled"}}}}}'`,
    ]);
    expect(manifestFragment(change)).toBe(
      [
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata:',
        '  name: web',
        '  namespace: shop',
        'spec:',
        '  template:',
        '    metadata:',
        '      annotations:',
        '        linkerd.io/inject: disabled',
        '',
      ].join('\n'),
    );
  });

  it('goes through spec.jobTemplate.spec.template for a CronJob', () => {
    const change = workloadInjectionChange({ kind: 'CronJob', namespace: 'shop', name: 'nightly' }, null);
    expect(mergePatch(change)).toEqual({
      spec: {
        jobTemplate: { spec: { template: { metadata: { annotations: { 'linkerd.io/inject': null } } } } },
      },
    });
    expect(kubectlCommands(change)[0]).toBe(
      `kubectl patch cronjob nightly -n shop --type=merge -p '{"spec":{"jobTemplate":{"spec":{"template":{"metadata":{"annotations":{"linkerd.io/inject":null}}}}}}}'`,
    );
    expect(manifestFragment(change)).toContain('apiVersion: batch/v1\nkind: CronJob\n');
    expect(manifestFragment(change)).toContain(
      'spec:\n  jobTemplate:\n    spec:\n      template:\n        metadata:\n',
    );
  });
});

describe('a lint fix touching both metadata and template', () => {
  const change: MetadataChange = {
    target: { kind: 'StatefulSet', namespace: 'db', name: 'pg' },
    edits: [
      { on: 'template', field: 'annotations', key: 'linkerd.io/inject', value: 'enabled' },
      { on: 'object', field: 'annotations', key: 'linkerd.io/inject', value: null },
      { on: 'object', field: 'labels', key: 'linkerd.io/auto-inject', value: null },
    ],
  };

  it('lists annotate, label, then the template patch', () => {
    expect(kubectlCommands(change)).toEqual([
      'kubectl annotate statefulset pg -n db linkerd.io/inject-',
      'kubectl label statefulset pg -n db linkerd.io/auto-inject-',
      `kubectl patch statefulset pg -n db --type=merge -p '{"spec":{"template":{"metadata":{"annotations":{"linkerd.io/inject":"enabled"}}}}}'`,
    ]);
  });

  it('merges every edit into one patch', () => {
    expect(mergePatch(change)).toEqual({
      metadata: { annotations: { 'linkerd.io/inject': null }, labels: { 'linkerd.io/auto-inject': null } },
      spec: { template: { metadata: { annotations: { 'linkerd.io/inject': 'enabled' } } } },
    });
  });
});

describe('quoting', () => {
  it('quotes for the shell only when needed, escaping single quotes', () => {
    expect(shellQuote('shop')).toBe('shop');
    expect(shellQuote(`it's`)).toBe(`'it'\\''s'`);
  });

  it('quotes YAML scalars YAML would read as something else', () => {
    expect(yamlScalar('enabled')).toBe('enabled');
    expect(yamlScalar('true')).toBe('"true"');
    expect(yamlScalar('1')).toBe('"1"');
  });

  it('has a rollout restart for the kinds that roll, none for a CronJob', () => {
    expect(restartCommand('Deployment', 'shop', 'web')).toBe(
      'kubectl rollout restart deployment/web -n shop',
    );
    expect(restartCommand('CronJob', 'shop', 'nightly')).toBeUndefined();
  });
});
