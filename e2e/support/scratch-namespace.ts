import { kubectl, kubectlJson, waitForRunningPods } from './kube';

export interface ScratchNamespace {
  name: string;
  deployment: string;
  replicas: number;
  selector: string;
}

/**
 * A namespace of the journey's own, with one real Deployment whose pods the testbed's controllers run
 * (KWOK nodes). Recreated from scratch each run so the journey starts from a known state.
 */
export async function createScratchNamespace(options: {
  name: string;
  deployment: string;
  replicas: number;
  inject?: string;
}): Promise<ScratchNamespace> {
  await deleteScratchNamespace(options.name, true);
  const selector = `app.kubernetes.io/name=${options.deployment}`;
  const annotations = options.inject ? `\n  annotations: { linkerd.io/inject: ${options.inject} }` : '';
  await kubectl(
    ['apply', '-f', '-'],
    `apiVersion: v1
kind: Namespace
metadata:
  name: ${options.name}
  labels: { meshwatch.io/e2e: "true" }${annotations}
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: ${options.deployment}, namespace: ${options.name} }
spec:
  replicas: ${options.replicas}
  selector: { matchLabels: { app.kubernetes.io/name: ${options.deployment} } }
  template:
    metadata: { labels: { app.kubernetes.io/name: ${options.deployment} } }
    spec:
      containers:
      - { name: app, image: "ghcr.io/acme/${options.deployment}:1.0.0", ports: [{ containerPort: 8080, name: http }] }
`,
  );
  await kubectl([
    'rollout',
    'status',
    '-n',
    options.name,
    `deployment/${options.deployment}`,
    '--timeout=120s',
  ]);
  await waitForRunningPods(options.name, selector, options.replicas);
  return { name: options.name, deployment: options.deployment, replicas: options.replicas, selector };
}

export async function deleteScratchNamespace(name: string, wait = false): Promise<void> {
  await kubectl(['delete', 'namespace', name, '--ignore-not-found', `--wait=${wait}`, '--timeout=120s']);
}

export async function namespaceAnnotation(name: string): Promise<string | undefined> {
  const namespace = await kubectlJson<{ metadata: { annotations?: Record<string, string> } }>([
    'get',
    'namespace',
    name,
  ]);
  return namespace.metadata.annotations?.['linkerd.io/inject'];
}
