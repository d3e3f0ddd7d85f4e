import { describe, expect, it } from 'vitest';
import type { PodRecord } from '@/lib/mesh/types';
import { toControlPlane, toLinkerdConfig } from './control-plane';
import { pickInjectorWebhook, toInjectorWebhook } from './webhook';

const values = `
linkerdVersion: stable-2.20.0
proxy:
  nativeSidecar: true
  image:
    version: ""
identity:
  serviceAccountTokenProjection: false
`;

function pod(name: string, ready: boolean, extra: Partial<PodRecord> = {}): PodRecord {
  return {
    namespace: 'linkerd',
    name,
    uid: name,
    createdAt: '',
    phase: 'Running',
    deleting: false,
    labels: { 'linkerd.io/control-plane-component': 'proxy-injector' },
    annotations: {},
    hostNetwork: false,
    containers: [],
    initContainers: [],
    containerStatuses: [{ name: 'proxy-injector', ready, image: '', restartCount: 0 }],
    initContainerStatuses: [],
    ...extra,
  };
}

describe('linkerd-config', () => {
  it('parses the values YAML', () => {
    const config = toLinkerdConfig({
      metadata: { name: 'linkerd-config', namespace: 'linkerd' },
      data: { values },
    });
    expect(config).toEqual({
      namespace: 'linkerd',
      linkerdVersion: 'stable-2.20.0',
      injectProxyVersion: 'stable-2.20.0',
      nativeSidecar: true,
      serviceAccountTokenProjection: false,
    });
  });

  it('survives broken YAML and missing keys', () => {
    const broken = toLinkerdConfig({ metadata: { namespace: 'l5d' }, data: { values: 'a: [' } });
    expect(broken.parseError).toMatch(/not valid YAML/);
    expect(broken.serviceAccountTokenProjection).toBe(true);
    // Not silence: the control plane carries the error on to the overview.
    const cp = toControlPlane([broken], [], 'l5d');
    expect(cp?.configError).toBe(broken.parseError);
    expect(cp && 'parseError' in cp).toBe(false);
    expect(toLinkerdConfig({ metadata: { namespace: 'l5d' } })).toEqual({
      namespace: 'l5d',
      nativeSidecar: false,
      serviceAccountTokenProjection: true,
    });
  });

  it('counts ready proxy-injector pods of the chosen control plane', () => {
    const configs = [
      toLinkerdConfig({ metadata: { namespace: 'other' } }),
      toLinkerdConfig({ metadata: { namespace: 'linkerd' }, data: { values } }),
    ];
    const cp = toControlPlane(
      configs,
      [
        pod('a', true),
        pod('b', false),
        pod('c', true, { deleting: true }),
        pod('d', true, { namespace: 'x' }),
      ],
      'linkerd',
    );
    expect(cp?.namespace).toBe('linkerd');
    expect(cp?.injectorPods).toEqual({ total: 2, ready: 1 });
    expect(cp && 'parseError' in cp).toBe(false);
    expect(cp && 'configError' in cp).toBe(false);
    expect(toControlPlane([], [], 'linkerd')).toBeNull();
  });
});

describe('injector webhook', () => {
  const config = {
    metadata: { name: 'linkerd-proxy-injector-webhook-config' },
    webhooks: [
      {
        name: 'linkerd-proxy-injector.linkerd.io',
        admissionReviewVersions: ['v1'],
        sideEffects: 'None',
        clientConfig: { service: { namespace: 'linkerd', name: 'linkerd-proxy-injector', path: '/' } },
        namespaceSelector: {
          matchExpressions: [
            { key: 'config.linkerd.io/admission-webhooks', operator: 'NotIn', values: ['disabled'] },
          ],
        },
        objectSelector: {},
        failurePolicy: 'Ignore',
        rules: [
          { operations: ['CREATE'], apiGroups: [''], apiVersions: ['v1'], resources: ['pods'], scope: '*' },
        ],
        matchConditions: [{ name: 'not-skipped', expression: '!has(object.metadata.labels.skip)' }],
      },
    ],
  };

  it('copies the live selectors, rules and matchConditions', () => {
    expect(toInjectorWebhook(config)).toEqual({
      configurationName: 'linkerd-proxy-injector-webhook-config',
      webhookName: 'linkerd-proxy-injector.linkerd.io',
      failurePolicy: 'Ignore',
      target: 'service linkerd/linkerd-proxy-injector:443/',
      namespaceSelector: {
        matchExpressions: [
          { key: 'config.linkerd.io/admission-webhooks', operator: 'NotIn', values: ['disabled'] },
        ],
      },
      objectSelector: {},
      rules: [
        { operations: ['CREATE'], apiGroups: [''], apiVersions: ['v1'], resources: ['pods'], scope: '*' },
      ],
      matchConditions: [{ name: 'not-skipped', expression: '!has(object.metadata.labels.skip)' }],
    });
  });

  it('ignores other configurations and prefers Linkerd’s own name', () => {
    expect(
      toInjectorWebhook({
        metadata: { name: 'istio' },
        webhooks: [{ ...config.webhooks[0]!, name: 'sidecar.istio.io' }],
      }),
    ).toBeNull();
    const renamed = toInjectorWebhook({ ...config, metadata: { name: 'a-renamed' } });
    const own = toInjectorWebhook(config);
    expect(pickInjectorWebhook([renamed!, own!])?.configurationName).toBe(
      'linkerd-proxy-injector-webhook-config',
    );
    expect(pickInjectorWebhook([])).toBeNull();
  });
});
