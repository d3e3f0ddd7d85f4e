// bench:cluster's churn, in its own process so that its API calls (client-node: TLS and (de)serialising
// per call) never delay the load generator's clock or its reading of responses. Deletes BENCH_CHURN pods/s
// (one at random in a random bench namespace; its Deployment recreates it) for BENCH_SECONDS, and prints
// one line per deletion: `<namespace> <epoch ms when the DELETE was sent>`.
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';

const env = process.env;
const churn = Number(env.BENCH_CHURN);
const seconds = Number(env.BENCH_SECONDS);
const namespaces = Number(env.BENCH_NAMESPACES);
const prefix = env.BENCH_PREFIX ?? 'bench-';
const kc = new KubeConfig();
kc.loadFromFile(env.KUBECONFIG ?? '');
const core = kc.makeApiClient(CoreV1Api);
const epoch = () => performance.timeOrigin + performance.now();

const started = performance.now();
let deleted = 0;
const pending: Promise<unknown>[] = [];
const timer = setInterval(() => {
  const due = Math.floor(((performance.now() - started) / 1000) * churn) - deleted;
  for (let i = 0; i < due; i++) {
    deleted++;
    const ns = `${prefix}${String(Math.floor(Math.random() * namespaces)).padStart(4, '0')}`;
    pending.push(
      core
        .listNamespacedPod({ namespace: ns, limit: 1 })
        .then((list) => {
          const pod = list.items[0]?.metadata?.name;
          if (!pod) return;
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
