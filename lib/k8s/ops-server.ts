import 'server-only';
// The ops listener (MESHWATCH_OPS_PORT): a second, plain HTTP server in the same process for machines on
// the pod network — a Prometheus scraper and kubelet probes — while the dashboard stays on 127.0.0.1
// behind its Host allow-list. It answers GET/HEAD /metrics, /livez and /readyz and nothing else: no
// dashboard, no API, no mutations, nothing about the cluster beyond the metrics' counts.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { ClusterSource } from './source';
import { liveness, readiness, type HealthAnswer } from './health';
import { METRICS_CONTENT_TYPE, renderMetrics } from './metrics';

export interface OpsAddress {
  host: string;
  port: number;
}

/** MESHWATCH_OPS_PORT (unset or empty: no listener) and MESHWATCH_OPS_LISTEN (default 0.0.0.0). */
export function opsAddress(env: NodeJS.ProcessEnv = process.env): OpsAddress | null {
  const raw = env.MESHWATCH_OPS_PORT?.trim();
  if (!raw) return null;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`MESHWATCH_OPS_PORT must be a port number (0-65535), not "${raw}".`);
  return { host: env.MESHWATCH_OPS_LISTEN?.trim() || '0.0.0.0', port };
}

function send(req: IncomingMessage, res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, {
    'content-type': type,
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'x-robots-tag': 'noindex, nofollow',
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}

const json = (req: IncomingMessage, res: ServerResponse, { status, body }: HealthAnswer) =>
  send(req, res, status, 'application/json', JSON.stringify(body));

export function handleOpsRequest(source: () => ClusterSource) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = (req.url ?? '').split('?')[0];
    const known = path === '/metrics' || path === '/livez' || path === '/readyz';
    if (!known) return send(req, res, 404, 'text/plain', 'not found\n');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD');
      return send(req, res, 405, 'text/plain', 'method not allowed\n');
    }
    if (path === '/livez') return json(req, res, liveness());
    if (path === '/readyz') return json(req, res, readiness(source, { detailed: false }));
    try {
      send(req, res, 200, METRICS_CONTENT_TYPE, await renderMetrics(source()));
    } catch (err) {
      console.error(JSON.stringify({ level: 'error', msg: 'metrics scrape failed', error: String(err) }));
      send(req, res, 500, 'text/plain', 'metrics unavailable; see the meshwatch log\n');
    }
  };
}

const OPS_KEY = Symbol.for('meshwatch.ops-server');

/** Starts the listener once per process (globalThis), when MESHWATCH_OPS_PORT asks for it. */
export function startOpsServer(source: () => ClusterSource, env = process.env): Server | null {
  const holder = globalThis as Record<symbol, Server | undefined>;
  const address = opsAddress(env);
  if (!address || holder[OPS_KEY]) return holder[OPS_KEY] ?? null;
  const server = createServer((req, res) => void handleOpsRequest(source)(req, res));
  server.on('error', (err) =>
    console.error(
      JSON.stringify({ level: 'error', msg: 'meshwatch ops listener failed', error: err.message }),
    ),
  );
  server.listen(address.port, address.host, () =>
    console.log(JSON.stringify({ level: 'info', msg: 'meshwatch ops listener started', ...address })),
  );
  holder[OPS_KEY] = server;
  return server;
}
