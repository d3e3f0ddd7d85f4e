// The manifests journeys build their scenes from: a namespace, a Deployment of one app, a bare pod,
// and Linkerd's injector webhook (its real webhook name) pointed at a closed port — the injector down,
// scoped by a label to the journey's own namespaces. Plus the clean-up that removes a scene.
import { downInjectorWebhookYaml as injectorWebhookYaml } from '../../lib/test/injector-webhook';
import { kubectl } from './kube';

/** Every journey namespace carries it, so a leftover is easy to find and delete. */
export const E2E_LABEL = 'meshwatch.io/e2e';

type Strings = Record<string, string>;
const flow = (map: Strings) =>
  `{ ${Object.entries(map)
    .map(([k, v]) => `${k}: ${JSON.stringify(v)}`)
    .join(', ')} }`;

export function namespaceYaml(name: string, opts: { labels?: Strings; annotations?: Strings } = {}): string {
  const annotations = opts.annotations ? `\n  annotations: ${flow(opts.annotations)}` : '';
  return `apiVersion: v1
kind: Namespace
metadata:
  name: ${name}
  labels: ${flow({ ...opts.labels, [E2E_LABEL]: 'true' })}${annotations}
`;
}

/** A Deployment of `app` (pods labelled app.kubernetes.io/name=<app>), image ghcr.io/acme/<app>:1.0.0. */
export function deploymentYaml(namespace: string, app: string, replicas = 1): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata: { name: ${app}, namespace: ${namespace} }
spec:
  replicas: ${replicas}
  selector: { matchLabels: { app.kubernetes.io/name: ${app} } }
  template:
    metadata: { labels: { app.kubernetes.io/name: ${app} } }
    spec: { containers: [{ name: app, image: "ghcr.io/acme/${app}:1.0.0" }] }
`;
}

/** A pod no controller owns: a restart cannot replace it. */
export function barePodYaml(namespace: string, app: string): string {
  return `apiVersion: v1
kind: Pod
metadata: { name: ${app}, namespace: ${namespace}, labels: { app.kubernetes.io/name: ${app} } }
spec: { containers: [{ name: app, image: "ghcr.io/acme/${app}:1.0.0" }] }
`;
}

/** The injector down for the namespaces labelled `scope: "true"` (see lib/test/injector-webhook.ts). */
export function downInjectorWebhookYaml(
  name: string,
  scope: string,
  failurePolicy: 'Fail' | 'Ignore',
): string {
  return injectorWebhookYaml(name, { [scope]: 'true' }, failurePolicy);
}

export async function applyScene(...manifests: string[]): Promise<void> {
  await kubectl(['apply', '-f', '-'], manifests.join('---\n'));
}

/** Removes a scene's webhook (first, so nothing else is refused meanwhile) and namespaces, waiting for both. */
export async function deleteScene(scene: { webhook?: string; namespaces: string[] }): Promise<void> {
  if (scene.webhook)
    await kubectl(['delete', 'mutatingwebhookconfiguration', scene.webhook, '--ignore-not-found']);
  await kubectl([
    'delete',
    'namespace',
    ...scene.namespaces,
    '--ignore-not-found',
    '--wait=true',
    '--timeout=120s',
  ]);
}
