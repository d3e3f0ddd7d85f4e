// Bare pods: no owner template, so the pod itself (minus what the injector added) is what a recreate submits.
import { describe, expect, it } from 'vitest';
import { injected, injectNamespace, namespace, onlyVerdict, pod, snapshot } from '../test/mesh-fixtures.ts';

describe('bare pods', () => {
  const enabledNs = injectNamespace('shop', 'enabled');

  it('strips what the injector added before deciding: injected in an enabled namespace is meshed', () => {
    const v = onlyVerdict(
      snapshot({ namespaces: [enabledNs], pods: [injected(pod('debug'), { copiedInject: 'enabled' })] }),
    );
    expect(v).toMatchObject({ meshed: true, expected: true, status: 'meshed', workload: undefined });
  });

  it('is unwanted once the namespace stops opting in, when the pod never said enabled itself', () => {
    const v = onlyVerdict(snapshot({ namespaces: [namespace('shop')], pods: [injected(pod('debug'))] }));
    expect(v.status).toBe('unwanted-proxy');
    expect(v.fix).toBe('Delete pod debug and create it again to remove the proxy');
  });

  it("takes a copied linkerd.io/inject at face value (documented: it can't be told apart)", () => {
    const v = onlyVerdict(
      snapshot({
        namespaces: [namespace('shop')],
        pods: [injected(pod('debug'), { copiedInject: 'enabled' })],
      }),
    );
    expect(v.status).toBe('meshed');
  });

  it('judges a copied linkerd.io/inject by the last-applied manifest when kubectl left one', () => {
    const copied = { ...injected(pod('debug'), { copiedInject: 'enabled' }), manifestInjectValue: null };
    expect(onlyVerdict(snapshot({ namespaces: [namespace('shop')], pods: [copied] })).status).toBe(
      'unwanted-proxy',
    );
    const own = { ...injected(pod('debug'), { copiedInject: 'enabled' }), manifestInjectValue: 'enabled' };
    expect(onlyVerdict(snapshot({ namespaces: [namespace('shop')], pods: [own] })).status).toBe('meshed');
  });

  it('treats a proxy without the injector’s created-by as part of the manifest', () => {
    const cli = injected(pod('debug'), { createdBy: 'linkerd/cli edge-25.6.1' });
    expect(onlyVerdict(snapshot({ namespaces: [namespace('shop')], pods: [cli] })).status).toBe('meshed');
  });

  it('is missing its proxy when created before the namespace opted in', () => {
    const v = onlyVerdict(snapshot({ namespaces: [enabledNs], pods: [pod('debug')] }));
    expect(v).toMatchObject({
      status: 'missing-proxy',
      fix: 'Delete pod debug and create it again to inject the proxy',
    });
  });
});
