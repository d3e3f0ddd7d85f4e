// Runs once per server process, before the first request: starts the cluster cache (informers) so the
// first page load finds it syncing, and the ops listener (/metrics, /livez, /readyz) when
// MESHWATCH_OPS_PORT is set. Node runtime only; both live on globalThis (see lib/k8s/cache, ops-server).
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  await recordSocketPeers();
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

/**
 * Next hands routes no socket, and fills X-Forwarded-For from it only when the client sent none — so a
 * client could name any address. Node announces every request on this diagnostics channel before the
 * server emits it: stamp the real peer into a header of our own, overwriting any the client sent
 * (lib/api/client-identity.ts reads it). The same hook parks methods Next cannot handle (see METHOD_HEADER)
 * and lets pre-compressed bodies keep their Content-Encoding (lib/api/encoding-passthrough.ts).
 */
async function recordSocketPeers(): Promise<void> {
  const { subscribe } = await import('node:diagnostics_channel');
  const { PEER_HEADER } = await import('./lib/api/client-identity');
  const { isAllowedMethod, METHOD_HEADER } = await import('./lib/api/security');
  const { passEncodingThrough, READY_HEADER } = await import('./lib/api/encoding-passthrough');
  subscribe('http.server.request.start', (message) => {
    const { request, response, socket } = message as {
      request: { method?: string; headers: Record<string, string | string[] | undefined> };
      response: Parameters<typeof passEncodingThrough>[0];
      socket: { remoteAddress?: string };
    };
    request.headers[PEER_HEADER] = socket.remoteAddress ?? '';
    delete request.headers[METHOD_HEADER];
    delete request.headers[READY_HEADER];
    // Lets the overview and namespace routes send their pre-gzipped bodies (lib/api/encoding-passthrough).
    if (passEncodingThrough(response)) request.headers[READY_HEADER] = '1';
    // TRACE & co.: Next would throw building a Request; the proxy (or the route) answers 405 instead.
    if (request.method && !isAllowedMethod(request.method)) {
      request.headers[METHOD_HEADER] = request.method;
      request.method = 'OPTIONS';
    }
  });
}
