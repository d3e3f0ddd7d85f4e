// bench:cluster's parameters, from the environment (see scripts/bench-cluster.ts for what each means).
import path from 'node:path';

export const env = process.env;
export const num = (name: string, fallback: number) => {
  const v = Number(env[name]);
  return Number.isFinite(v) && v >= 0 && env[name] !== '' && env[name] !== undefined ? v : fallback;
};
export const NAMESPACES = num('BENCH_NAMESPACES', 100);
export const PODS = num('BENCH_PODS', 2000);
export const WORKLOADS_PER_NS = num('BENCH_WORKLOADS_PER_NS', 4);
export const RPS = num('BENCH_RPS', 50);
export const SSE = num('BENCH_SSE', 50);
export const CHURN = num('BENCH_CHURN', 20);
export const SECONDS = num('BENCH_SECONDS', 30);
/** Pods in one more namespace, `bench-big` (4 Deployments): its page is measured on its own. 0: none. */
export const BIG_PODS = num('BENCH_BIG_PODS', 0);
export const BIG_NAMESPACE = 'bench-big';
/** The server's heap ceiling in MiB: the Helm chart's (Node's default under its 512 MiB limit). 0: none. */
export const HEAP_MIB = num('BENCH_HEAP_MIB', 268);
export const TIMEOUT_MS = 30_000;
export const ROOT = path.resolve(import.meta.dirname, '..');
export const KUBECONFIG = env.MESHWATCH_TESTBED_DIR
  ? path.join(env.MESHWATCH_TESTBED_DIR, 'kubeconfig')
  : path.join(ROOT, '.testbed', 'kubeconfig');
export const PREFIX = 'bench-';
export const NICE_CLUSTER = env.BENCH_NICE_CLUSTER ? num('BENCH_NICE_CLUSTER', 0) : null;
