// Manifests the integration tests create in their own namespaces. Images never run (KWOK fakes the
// kubelet), so any name will do.
import { apply, kubectl, kubectlJson, until } from './testbed';
import { downInjectorWebhookYaml } from '@/lib/test/injector-webhook';

export function namespaceYaml(
  name: string,
  annotations: Record<string, string> = {},
  labels: Record<string, string> = {},
): string {
  return `apiVersion: v1
kind: Namespace
metadata:
  name: ${name}
  labels: ${JSON.stringify({ 'meshwatch.io/integration-test': 'true', ...labels })}
  annotations: ${JSON.stringify(annotations)}
`;
}

/** A paused Deployment never creates its first ReplicaSet: create it running, then `pauseDeployment`. */
export function deploymentYaml(ns: string, name: string, opts: { replicas?: number } = {}): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata: { name: ${name}, namespace: ${ns} }
spec:
  replicas: ${opts.replicas ?? 1}
  selector: { matchLabels: { app: ${name} } }
  template:
    metadata: { labels: { app: ${name} } }
    spec: { containers: [{ name: app, image: "example.test/${name}:1.0" }] }
`;
}

export function statefulSetYaml(
  ns: string,
  name: string,
  strategy: 'RollingUpdate' | 'OnDelete' = 'RollingUpdate',
): string {
  return `apiVersion: apps/v1
kind: StatefulSet
metadata: { name: ${name}, namespace: ${ns} }
spec:
  serviceName: ${name}
  replicas: 1
  updateStrategy: { type: ${strategy} }
  selector: { matchLabels: { app: ${name} } }
  template:
    metadata: { labels: { app: ${name} } }
    spec: { containers: [{ name: app, image: "example.test/${name}:1.0" }] }
`;
}

export function daemonSetYaml(ns: string, name: string): string {
  return `apiVersion: apps/v1
kind: DaemonSet
metadata: { name: ${name}, namespace: ${ns} }
spec:
  selector: { matchLabels: { app: ${name} } }
  template:
    metadata: { labels: { app: ${name} } }
    spec: { containers: [{ name: app, image: "example.test/${name}:1.0" }] }
`;
}

export function replicaSetYaml(ns: string, name: string): string {
  return `apiVersion: apps/v1
kind: ReplicaSet
metadata: { name: ${name}, namespace: ${ns} }
spec:
  replicas: 1
  selector: { matchLabels: { app: ${name} } }
  template:
    metadata: { labels: { app: ${name} } }
    spec: { containers: [{ name: app, image: "example.test/${name}:1.0" }] }
`;
}

export function podYaml(ns: string, name: string): string {
  return `apiVersion: v1
kind: Pod
metadata: { name: ${name}, namespace: ${ns}, labels: { app: ${name} } }
spec: { containers: [{ name: app, image: "example.test/${name}:1.0" }] }
`;
}

interface PodList {
  items: { metadata: { name: string; deletionTimestamp?: string }; status?: { phase?: string } }[];
}

/** Waits until the namespace has `count` Running pods and nothing else alive. */
export async function waitForRunningPods(ns: string, count: number, timeoutMs = 120_000): Promise<void> {
  await until(
    `${count} Running pods in ${ns}`,
    async () => {
      const pods = await kubectlJson<PodList>(['get', 'pods', '-n', ns]);
      const live = pods.items.filter((p) => !p.metadata.deletionTimestamp);
      return live.length === count && live.every((p) => p.status?.phase === 'Running');
    },
    timeoutMs,
    500,
  );
}

export async function pauseDeployment(ns: string, name: string): Promise<void> {
  await kubectl(['rollout', 'pause', `deployment/${name}`, '-n', ns]);
}

/**
 * Applies namespaces first and waits for their `default` ServiceAccount (the controller-manager creates
 * it a moment later, and pods are refused until it exists), then everything else.
 */
export async function applyAll(...docs: string[]): Promise<void> {
  const namespaces = docs.filter((d) => /^kind: Namespace$/m.test(d));
  const rest = docs.filter((d) => !namespaces.includes(d));
  if (namespaces.length > 0) {
    await apply(namespaces.join('---\n'));
    for (const doc of namespaces) {
      const name = /^ {2}name: (\S+)$/m.exec(doc)?.[1] ?? '';
      await until(
        `the default ServiceAccount in ${name} (is the testbed's kube-controller-manager running?)`,
        async () =>
          (await kubectl(['get', 'serviceaccount', 'default', '-n', name], { allowFailure: true })).code ===
          0,
        240_000,
        500,
      );
    }
  }
  if (rest.length > 0) await apply(rest.join('---\n'));
}

/**
 * A real MutatingWebhookConfiguration carrying the injector's webhook name, scoped by namespaceSelector
 * to the test namespaces and pointing at a closed port with failurePolicy Ignore: the API server calls
 * it (and ignores the failure), and meshwatch sees an installed injector. Its configuration name is not
 * Linkerd's, so a real Linkerd in the testbed would be neither touched nor shadowed.
 */
export async function installInjectorWebhook(
  name: string,
  selector: Record<string, string>,
  failurePolicy: 'Ignore' | 'Fail' = 'Ignore',
): Promise<() => Promise<void>> {
  await apply(
    downInjectorWebhookYaml(name, selector, failurePolicy, { 'meshwatch.io/integration-test': 'true' }),
  );
  return async () => {
    await kubectl(['delete', 'mutatingwebhookconfiguration', name, '--ignore-not-found'], {
      allowFailure: true,
    });
  };
}
