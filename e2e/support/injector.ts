import { kubectlJson } from './kube';

interface WebhookList {
  items: { metadata: { name: string }; webhooks?: { name: string }[] }[];
}

/**
 * The with-injector journeys need Linkerd's proxy injector in the cluster. The local testbed cannot run
 * it (Linkerd is not buildable here), so they live in their own project and fail loudly without it.
 */
export async function assertInjectorInstalled(): Promise<void> {
  const webhooks = await kubectlJson<WebhookList>(['get', 'mutatingwebhookconfigurations']);
  const injector = webhooks.items.some((config) =>
    (config.webhooks ?? []).some((webhook) => webhook.name.includes('linkerd-proxy-injector')),
  );
  if (!injector) {
    throw new Error(
      'These journeys need a real Linkerd proxy injector (linkerd-proxy-injector webhook), and this cluster has none. ' +
        'Install Linkerd in the target cluster, or run the default project, which covers what works without it.',
    );
  }
}

interface InjectedPodList {
  items: {
    metadata: {
      name: string;
      deletionTimestamp?: string;
      annotations?: Record<string, string>;
      ownerReferences?: unknown[];
    };
    spec: { containers: { name: string }[]; initContainers?: { name: string }[] };
  }[];
}

export interface PodProxy {
  name: string;
  /** Has a linkerd-proxy container (regular or native sidecar). */
  proxy: boolean;
  /** The injector's own mark (linkerd.io/created-by), so the proxy came from the webhook. */
  injectedBy?: string;
  /** linkerd.io/proxy-version, as the injector wrote it. */
  proxyVersion?: string;
}

/**
 * What the cluster itself says about the live pods of a namespace's workloads (bare pods left out):
 * the journeys check the UI's verdicts against what the real injector did.
 */
export async function workloadPodProxies(namespace: string): Promise<PodProxy[]> {
  const pods = await kubectlJson<InjectedPodList>(['get', 'pods', '-n', namespace]);
  return pods.items
    .filter((pod) => !pod.metadata.deletionTimestamp && (pod.metadata.ownerReferences ?? []).length > 0)
    .map((pod) => ({
      name: pod.metadata.name,
      proxy: [...pod.spec.containers, ...(pod.spec.initContainers ?? [])].some(
        (container) => container.name === 'linkerd-proxy',
      ),
      injectedBy: pod.metadata.annotations?.['linkerd.io/created-by'],
      proxyVersion: pod.metadata.annotations?.['linkerd.io/proxy-version'],
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** The journeys consume the seeded state (they fix it): say how to get it back instead of timing out. */
export async function assertSeeded(namespace: string, withProxy: boolean): Promise<void> {
  const pods = await workloadPodProxies(namespace);
  if (pods.length === 0 || pods.some((pod) => pod.proxy !== withProxy)) {
    throw new Error(
      `This journey needs the seeded ${namespace} (workload pods ${withProxy ? 'with' : 'without'} a proxy), ` +
        `found ${pods.map((pod) => `${pod.name}${pod.proxy ? '+proxy' : ''}`).join(', ') || 'no pods'}. ` +
        'Run `npm run testbed:seed` (with the injector running) and try again.',
    );
  }
}
