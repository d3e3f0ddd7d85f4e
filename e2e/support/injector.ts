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
