import { describe, expect, it } from 'vitest';
import { container, injected, pod, spec } from '../test/mesh-fixtures.ts';
import {
  existingSidecars,
  findProxy,
  imageTag,
  proxyReadiness,
  proxyVersionOf,
  stripInjected,
} from './sidecar.ts';
import type { ContainerRecord } from './types.ts';

describe('existingSidecars (sidecar_already_exists)', () => {
  it.each<{
    name: string;
    containers?: ContainerRecord[];
    initContainers?: ContainerRecord[];
    found: boolean;
  }>([
    { name: 'plain app', found: false },
    { name: 'container linkerd-proxy', containers: [container('linkerd-proxy', 'my/proxy:1')], found: true },
    { name: 'container istio-proxy', containers: [container('istio-proxy', 'my/envoy:1')], found: true },
    {
      name: 'image cr.l5d.io/linkerd/proxy:',
      containers: [container('mesh', 'cr.l5d.io/linkerd/proxy:edge-25.1.1')],
      found: true,
    },
    {
      name: 'image gcr.io/istio-release/proxyv2:',
      containers: [container('mesh', 'gcr.io/istio-release/proxyv2:1.9')],
      found: true,
    },
    {
      name: 'native linkerd-proxy init container',
      initContainers: [container('linkerd-proxy', 'x/y:1', 'Always')],
      found: true,
    },
    {
      name: 'init container linkerd-init',
      initContainers: [container('linkerd-init', 'x/init:1')],
      found: true,
    },
    { name: 'init container istio-init', initContainers: [container('istio-init', 'x/init:1')], found: true },
    {
      name: 'init image proxy-init',
      initContainers: [container('setup', 'cr.l5d.io/linkerd/proxy-init:v2.4.0')],
      found: true,
    },
    {
      name: 'init image istio proxy_init',
      initContainers: [container('setup', 'gcr.io/istio-release/proxy_init:1.0')],
      found: true,
    },
    {
      name: 'proxy-init image as a regular container does not count',
      containers: [container('x', 'cr.l5d.io/linkerd/proxy-init:v2')],
      found: false,
    },
    {
      name: 'linkerd-init name as a regular container does not count',
      containers: [container('linkerd-init', 'x/y:1')],
      found: false,
    },
    {
      name: 'image prefix without the colon does not count',
      containers: [container('x', 'cr.l5d.io/linkerd/proxy-agent:1')],
      found: false,
    },
    {
      name: 'a different registry does not count',
      containers: [container('x', 'docker.io/istio/proxyv2:1.22')],
      found: false,
    },
  ])('$name → $found', ({ containers, initContainers, found }) => {
    const s = spec({
      containers: [container('app'), ...(containers ?? [])],
      initContainers: initContainers ?? [],
    });
    expect(existingSidecars(s).length > 0).toBe(found);
  });

  it('describes what it found', () => {
    const s = spec({ initContainers: [container('istio-init', 'gcr.io/istio-release/proxy_init:1.0')] });
    expect(existingSidecars(s)).toEqual(['init container istio-init (gcr.io/istio-release/proxy_init:1.0)']);
  });
});

describe('findProxy: classic vs native', () => {
  it('finds a classic proxy in containers', () => {
    const p = injected(pod('a'), { native: false });
    expect(findProxy(p)).toMatchObject({
      inInitContainers: false,
      native: false,
      container: { name: 'linkerd-proxy' },
    });
  });

  it('finds a native sidecar in initContainers with restartPolicy Always', () => {
    const p = injected(pod('a'), { native: true });
    expect(findProxy(p)).toMatchObject({ inInitContainers: true, native: true });
  });

  it('finds linkerd-proxy in initContainers without restartPolicy Always, but not as native', () => {
    const s = spec({ initContainers: [container('linkerd-proxy', 'cr.l5d.io/linkerd/proxy:v1')] });
    expect(findProxy(s)).toMatchObject({ inInitContainers: true, native: false });
  });

  it('goes by the name only: a proxy image under another name is no linkerd-proxy', () => {
    expect(
      findProxy(spec({ containers: [container('mesh', 'cr.l5d.io/linkerd/proxy:v1')] })),
    ).toBeUndefined();
    expect(findProxy(spec())).toBeUndefined();
  });
});

describe('proxy version and readiness', () => {
  it.each([
    { image: 'cr.l5d.io/linkerd/proxy:edge-25.6.1', tag: 'edge-25.6.1' },
    { image: 'cr.l5d.io/linkerd/proxy@sha256:abcdef', tag: undefined },
    { image: 'cr.l5d.io/linkerd/proxy:stable-2.14.10@sha256:abcdef', tag: 'stable-2.14.10' },
    { image: 'localhost:5000/linkerd/proxy', tag: undefined },
    { image: 'localhost:5000/linkerd/proxy:dev', tag: 'dev' },
    { image: 'proxy', tag: undefined },
    { image: 'proxy:', tag: undefined },
  ])('imageTag($image) → $tag', ({ image, tag }) => {
    expect(imageTag(image)).toBe(tag);
  });

  it('prefers the linkerd.io/proxy-version annotation over the image tag', () => {
    const proxy = container('linkerd-proxy', 'cr.l5d.io/linkerd/proxy:edge-1');
    expect(proxyVersionOf({ 'linkerd.io/proxy-version': 'edge-2' }, proxy)).toBe('edge-2');
    expect(proxyVersionOf({}, proxy)).toBe('edge-1');
    expect(proxyVersionOf({ 'linkerd.io/proxy-version': '' }, proxy)).toBe('edge-1');
    expect(
      proxyVersionOf({}, container('linkerd-proxy', 'cr.l5d.io/linkerd/proxy@sha256:ab')),
    ).toBeUndefined();
  });

  it('reads readiness from the status list matching where the proxy is declared', () => {
    const native = injected(pod('a'), { native: true, ready: false });
    const classic = injected(pod('b'), { native: false, ready: true });
    const nativeProxy = findProxy(native);
    const classicProxy = findProxy(classic);
    if (!nativeProxy || !classicProxy) throw new Error('fixtures lost their proxy');
    expect(proxyReadiness(nativeProxy, native.containerStatuses, native.initContainerStatuses)).toBe(false);
    expect(proxyReadiness(classicProxy, classic.containerStatuses, classic.initContainerStatuses)).toBe(true);
    // No status yet (Pending pod): unknown, not false.
    expect(proxyReadiness(classicProxy, [], [])).toBeUndefined();
    // A status in the other list still counts.
    expect(proxyReadiness(nativeProxy, native.initContainerStatuses, [])).toBe(false);
  });
});

describe('stripInjected', () => {
  it("removes what the injector added and keeps the author's containers and labels", () => {
    const p = injected(pod('a', { initContainers: [container('migrate')], labels: { app: 'a' } }), {
      native: true,
    });
    expect(p.labels['linkerd.io/control-plane-ns']).toBe('linkerd');
    const withValidator = {
      ...p,
      labels: { ...p.labels, 'linkerd.io/proxy-deployment': 'web' },
      initContainers: [...p.initContainers, container('linkerd-network-validator', 'v:1')],
    };
    const stripped = stripInjected(withValidator);
    expect(stripped.containers.map((c) => c.name)).toEqual(['app']);
    expect(stripped.initContainers.map((c) => c.name)).toEqual(['migrate']);
    expect(stripped.labels).toEqual({ app: 'a' });
    expect(existingSidecars(stripped)).toEqual([]);
  });

  it('keeps a third-party sidecar, which the injector did not add', () => {
    const p = injected(pod('a', { containers: [container('app'), container('istio-proxy', 'x/envoy:1')] }));
    expect(existingSidecars(stripInjected(p))).toHaveLength(1);
  });
});
