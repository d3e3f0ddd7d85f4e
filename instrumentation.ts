// Runs once per server process, before the first request: starts the cluster cache (informers) so the
// first page load finds it syncing. Node runtime only; the cache lives on globalThis (see lib/k8s/cache).
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
}
