// Runs once per server process, before the first request: starts the cluster cache (informers) so the
// first page load finds it syncing, and the ops listener (/metrics, /livez, /readyz) when
// MESHWATCH_OPS_PORT is set. Node runtime only; both live on globalThis (see lib/k8s/cache, ops-server).
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { getCache } = await import('./lib/k8s/cache');
  const cache = getCache();
  const { startProbe } = await import('./lib/k8s/probe');
  startProbe(cache);
  const { name, server, inCluster } = cache.context;
  console.log(
    JSON.stringify({
      level: 'info',
      msg: 'meshwatch cluster cache started',
      context: name,
      server,
      inCluster,
    }),
  );
  const { startOpsServer } = await import('./lib/k8s/ops-server');
  startOpsServer(getCache);
}
