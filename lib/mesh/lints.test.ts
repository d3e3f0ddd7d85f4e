import { describe, expect, it } from 'vitest';
import { emptyCounts } from './aggregate.ts';
import { annotated, namespace, pod, spec, workload } from '../test/mesh-fixtures.ts';
import { barePodLints, namespaceLints, restartLint, workloadLints } from './lints.ts';
import type { Lint } from './types.ts';

const codes = (lints: Lint[]) => lints.map((l) => l.code);

describe('namespace lints', () => {
  it('finds nothing on a correctly annotated namespace', () => {
    expect(namespaceLints(namespace('shop', { annotations: { 'linkerd.io/inject': 'enabled' } }))).toEqual(
      [],
    );
  });

  it('flags linkerd.io/inject set as a label: a warning alone, info next to the annotation', () => {
    const [alone] = namespaceLints(namespace('shop', { labels: { 'linkerd.io/inject': 'enabled' } }));
    expect(alone).toMatchObject({
      code: 'inject_set_as_label',
      severity: 'warning',
      target: { kind: 'Namespace', name: 'shop' },
    });
    expect(alone?.fix).toContain('as an annotation');
    const [both] = namespaceLints(
      namespace('shop', {
        labels: { 'linkerd.io/inject': 'enabled' },
        annotations: { 'linkerd.io/inject': 'enabled' },
      }),
    );
    expect(both?.severity).toBe('info');
  });

  it('flags the legacy linkerd.io/auto-inject label', () => {
    const lints = namespaceLints(namespace('shop', { labels: { 'linkerd.io/auto-inject': 'enabled' } }));
    expect(codes(lints)).toEqual(['legacy_auto_inject_label']);
    expect(lints[0]?.message).toContain('stable-2.2.0');
  });

  it.each(['true', 'Enabled', 'yes', ' enabled'])(
    'flags the invalid namespace value %j as an error',
    (value) => {
      const [lint] = namespaceLints(namespace('shop', { annotations: { 'linkerd.io/inject': value } }));
      expect(lint).toMatchObject({ code: 'invalid_inject_value', severity: 'error' });
      expect(lint?.message).toContain(JSON.stringify(value));
    },
  );

  it.each(['', 'enabled', 'disabled', 'ingress'])('accepts %j', (value) => {
    expect(namespaceLints(namespace('shop', { annotations: { 'linkerd.io/inject': value } }))).toEqual([]);
  });
});

describe('workload lints', () => {
  it('finds nothing on a workload annotated on its template', () => {
    expect(workloadLints(workload('Deployment', 'web', { template: annotated('enabled') }))).toEqual([]);
  });

  it('flags the annotation on the workload metadata when the template lacks it', () => {
    const w = workload('Deployment', 'web', { annotations: { 'linkerd.io/inject': 'enabled' } });
    const [lint] = workloadLints(w);
    expect(lint).toMatchObject({
      code: 'annotation_on_workload_metadata',
      target: { kind: 'Deployment', namespace: 'shop', name: 'web' },
    });
    expect(lint?.fix).toContain('spec.template.metadata.annotations');
  });

  it('points a CronJob at its job template', () => {
    const w = workload('CronJob', 'nightly', { annotations: { 'linkerd.io/inject': 'enabled' } });
    expect(workloadLints(w)[0]?.fix).toContain('spec.jobTemplate.spec.template.metadata.annotations');
  });

  it('does not flag the metadata annotation when the template has one too', () => {
    const w = workload('Deployment', 'web', {
      annotations: { 'linkerd.io/inject': 'enabled' },
      template: annotated('enabled'),
    });
    expect(workloadLints(w)).toEqual([]);
  });

  it('flags labels and invalid values on the template, and labels on the workload itself', () => {
    const w = workload('StatefulSet', 'db', {
      labels: { 'linkerd.io/auto-inject': 'enabled' },
      template: spec({
        labels: { 'linkerd.io/inject': 'enabled' },
        annotations: { 'linkerd.io/inject': 'true' },
      }),
    });
    expect(codes(workloadLints(w))).toEqual([
      'inject_set_as_label',
      'invalid_inject_value',
      'legacy_auto_inject_label',
    ]);
  });
});

describe('bare pod lints', () => {
  it('targets the pod', () => {
    const [lint] = barePodLints(pod('debug', { labels: { 'linkerd.io/inject': 'enabled' } }));
    expect(lint).toMatchObject({
      code: 'inject_set_as_label',
      target: { kind: 'Pod', namespace: 'shop', name: 'debug' },
    });
  });
});

describe('restart_required', () => {
  const target = { kind: 'Deployment' as const, namespace: 'shop', name: 'web' };
  const restart = { ref: { kind: 'Deployment' as const, name: 'web' } };

  it('is absent when no pod needs a restart', () => {
    const counts = { ...emptyCounts(), meshed: 3, 'not-injectable': 1, unmeshed: 2 };
    expect(restartLint(target, counts, restart)).toBeUndefined();
  });

  it('counts missing, unwanted and outdated pods and says how to restart', () => {
    const counts = { ...emptyCounts(), 'missing-proxy': 2, 'outdated-proxy': 1, meshed: 4 };
    const lint = restartLint(target, counts, restart);
    expect(lint).toMatchObject({ code: 'restart_required', severity: 'warning', target });
    expect(lint?.message).toBe(
      "Deployment web has 3 pods that don't match what a restart would create (2 missing-proxy, 1 outdated-proxy)",
    );
    expect(lint?.fix).toBe('Restart Deployment web to bring its pods up to date');
  });

  it('speaks of a bare pod in the singular and says to recreate it', () => {
    const lint = restartLint(
      { kind: 'Pod', namespace: 'shop', name: 'debug' },
      { ...emptyCounts(), 'unwanted-proxy': 1 },
      { pod: { name: 'debug' } },
    );
    expect(lint?.message).toBe("Pod debug doesn't match what recreating it would create (unwanted-proxy)");
    expect(lint?.fix).toBe('Delete pod debug and create it again to bring it up to date');
  });

  it('follows restartability for a paused Deployment', () => {
    const counts = { ...emptyCounts(), 'unwanted-proxy': 1 };
    const paused = { ...restart, workload: workload('Deployment', 'web', { paused: true }) };
    expect(restartLint(target, counts, paused)?.fix).toContain('Resume Deployment web');
  });
});
