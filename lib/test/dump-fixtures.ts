// Test helpers: kubectl-shaped objects (as `kubectl get -o json` prints them) for dump and CLI tests.
// A small cluster with Linkerd's injector, one opted-in namespace with a pod missing its proxy and one
// meshed pod, and an opted-out namespace.
const T = '2025-06-01T10:00:00Z';

function meta(name: string, namespace?: string, extra: Record<string, unknown> = {}) {
  return {
    name,
    ...(namespace ? { namespace } : {}),
    uid: `uid-${namespace ?? ''}-${name}`,
    creationTimestamp: T,
    resourceVersion: '1',
    ...extra,
  };
}

export function namespaceObj(name: string, annotations: Record<string, string> = {}) {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: meta(name, undefined, { annotations }),
    status: { phase: 'Active' },
  };
}

export function deploymentObj(namespace: string, name: string) {
  const template = {
    metadata: { labels: { app: name } },
    spec: { containers: [{ name: 'app', image: 'app:1' }] },
  };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: meta(name, namespace),
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: name } },
      template,
      strategy: { type: 'RollingUpdate' },
    },
  };
}

export function replicaSetObj(namespace: string, deployment: string) {
  const name = `${deployment}-5f7b`;
  const template = {
    metadata: { labels: { app: deployment } },
    spec: { containers: [{ name: 'app', image: 'app:1' }] },
  };
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: meta(name, namespace, {
      ownerReferences: [
        {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          name: deployment,
          uid: `uid-${namespace}-${deployment}`,
          controller: true,
        },
      ],
    }),
    spec: { replicas: 1, selector: { matchLabels: { app: deployment } }, template },
  };
}

export function podObj(
  namespace: string,
  deployment: string,
  suffix: string,
  opts: { proxy?: string; labels?: Record<string, string> } = {},
) {
  const containers = [{ name: 'app', image: 'app:1' }];
  const statuses = [{ name: 'app', ready: true, image: 'app:1', restartCount: 0 }];
  if (opts.proxy) {
    containers.unshift({ name: 'linkerd-proxy', image: `cr.l5d.io/linkerd/proxy:${opts.proxy}` });
    statuses.unshift({
      name: 'linkerd-proxy',
      ready: true,
      image: `cr.l5d.io/linkerd/proxy:${opts.proxy}`,
      restartCount: 0,
    });
  }
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: meta(`${deployment}-5f7b-${suffix}`, namespace, {
      labels: { app: deployment, ...(opts.labels ?? {}) },
      annotations: opts.proxy ? { 'linkerd.io/proxy-version': opts.proxy } : {},
      ownerReferences: [
        {
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          name: `${deployment}-5f7b`,
          uid: `uid-${namespace}-${deployment}-5f7b`,
          controller: true,
        },
      ],
    }),
    spec: { containers, nodeName: 'node-1', serviceAccountName: 'default' },
    status: { phase: 'Running', containerStatuses: statuses },
  };
}

export function injectorWebhookObj(failurePolicy = 'Ignore') {
  return {
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind: 'MutatingWebhookConfiguration',
    metadata: meta('linkerd-proxy-injector-webhook-config'),
    webhooks: [
      {
        name: 'linkerd-proxy-injector.linkerd.io',
        failurePolicy,
        clientConfig: {
          service: { namespace: 'linkerd', name: 'linkerd-proxy-injector', port: 443, path: '/' },
        },
        namespaceSelector: {
          matchExpressions: [
            { key: 'config.linkerd.io/admission-webhooks', operator: 'NotIn', values: ['disabled'] },
          ],
        },
        // As Linkerd's chart renders it: without rules a webhook is never called.
        rules: [
          {
            operations: ['CREATE'],
            apiGroups: [''],
            apiVersions: ['v1'],
            resources: ['pods', 'services'],
            scope: 'Namespaced',
          },
        ],
        admissionReviewVersions: ['v1'],
        sideEffects: 'None',
      },
    ],
  };
}

export function linkerdConfigObj(version = 'edge-25.6.1') {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: meta('linkerd-config', 'linkerd'),
    data: { values: `linkerdVersion: ${version}\nproxy:\n  image:\n    version: ""\n` },
  };
}

/** The whole fixture cluster as the kubectl List a dump holds. */
export function fixtureDump(extraItems: unknown[] = []) {
  const cpLabels = {
    'linkerd.io/control-plane-component': 'proxy-injector',
    'linkerd.io/control-plane-ns': 'linkerd',
  };
  return {
    apiVersion: 'v1',
    kind: 'List',
    metadata: { resourceVersion: '' },
    items: [
      namespaceObj('linkerd', { 'linkerd.io/inject': 'disabled' }),
      namespaceObj('shop', { 'linkerd.io/inject': 'enabled' }),
      namespaceObj('tools'),
      deploymentObj('linkerd', 'linkerd-proxy-injector'),
      replicaSetObj('linkerd', 'linkerd-proxy-injector'),
      podObj('linkerd', 'linkerd-proxy-injector', 'aaaaa', { labels: cpLabels }),
      deploymentObj('shop', 'web'),
      replicaSetObj('shop', 'web'),
      podObj('shop', 'web', 'meshd', {
        proxy: 'edge-25.6.1',
        labels: { 'linkerd.io/control-plane-ns': 'linkerd' },
      }),
      podObj('shop', 'web', 'nopxy'),
      deploymentObj('tools', 'job-runner'),
      replicaSetObj('tools', 'job-runner'),
      podObj('tools', 'job-runner', 'plain'),
      injectorWebhookObj(),
      linkerdConfigObj(),
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: meta('kube-root-ca.crt', 'shop'),
        data: { 'ca.crt': 'x' },
      },
      ...extraItems,
    ],
  };
}
