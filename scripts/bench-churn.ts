// bench:cluster's churn, in its own process so that its API calls (client-node: TLS and (de)serialising
// per call) never delay the load generator's clock or its reading of responses. Deletes BENCH_CHURN pods/s
// (one at random in a random bench namespace; its Deployment recreates it) for BENCH_SECONDS, and prints
// one line per deletion: `<namespace> <epoch ms when the DELETE was sent>`. It also watches pods itself and
// prints `watch <namespace> <epoch ms>` when the API server's watch first reports a pod it deleted gone
// or terminating: the API server's own change → watch event latency, what meshwatch's is compared with.
import { CoreV1Api, KubeConfig, Watch } from '@kubernetes/client-node';

const env = process.env;
const churn = Number(env.BENCH_CHURN);
const seconds = Number(env.BENCH_SECONDS);
const namespaces = Number(env.BENCH_NAMESPACES);
const prefix = env.BENCH_PREFIX ?? 'bench-';
// The big namespace (if any) is picked in proportion to its pods.
const bigPods = Number(env.BENCH_BIG_PODS ?? 0);
const bigShare = bigPods > 0 ? bigPods / (bigPods + Number(env.BENCH_PODS)) : 0;
const pickNamespace = () =>
  Math.random() < bigShare
    ? (env.BENCH_BIG_NAMESPACE ?? 'bench-big')
    : `${prefix}${String(Math.floor(Math.random() * namespaces)).padStart(4, '0')}`;
const kc = new KubeConfig();
kc.loadFromFile(env.KUBECONFIG ?? '');
const core = kc.makeApiClient(CoreV1Api);
const epoch = () => performance.timeOrigin + performance.now();

// Pods deleted and not yet seen on the watch: name → namespace.
const awaiting = new Map<string, string>();
// From the current resourceVersion: a watch without one would first replay every pod as ADDED.
const from = (await core.listPodForAllNamespaces({ limit: 1 })).metadata?.resourceVersion;
await new Watch(kc).watch(
  '/api/v1/pods',
  { labelSelector: 'app', resourceVersion: from },
  (type: string, pod: { metadata?: { name?: string; namespace?: string; deletionTimestamp?: unknown } }) => {
    const key = `${pod.metadata?.namespace}/${pod.metadata?.name}`;
    if (!awaiting.has(key) || (type !== 'DELETED' && !pod.metadata?.deletionTimestamp)) return;
    awaiting.delete(key);
    process.stdout.write(`watch ${pod.metadata?.namespace} ${epoch()}\n`);
  },
  () => undefined,
);

const started = performance.now();
let deleted = 0;
const pending: Promise<unknown>[] = [];
const timer = setInterval(() => {
  const due = Math.floor(((performance.now() - started) / 1000) * churn) - deleted;
  for (let i = 0; i < due; i++) {
    deleted++;
    const ns = pickNamespace();
    pending.push(
      core
        .listNamespacedPod({ namespace: ns, limit: 1 })
        .then((list) => {
          const pod = list.items[0]?.metadata?.name;
          if (!pod) return;
          awaiting.set(`${ns}/${pod}`, ns);
          const at = epoch();
          return core
            .deleteNamespacedPod({ name: pod, namespace: ns, gracePeriodSeconds: 0 })
            .then(() => process.stdout.write(`${ns} ${at}\n`));
        })
        .catch(() => undefined),
    );
  }
}, 20);
setTimeout(() => {
  clearInterval(timer);
  void Promise.all(pending).then(() => process.exit(0));
}, seconds * 1000);
