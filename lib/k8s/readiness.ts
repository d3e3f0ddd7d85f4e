import 'server-only';
// The API server's own readiness, GET /readyz?verbose: an API server whose etcd is gone still answers
// /version (and keeps old watches open) while every write hangs, so only its readiness checks tell
// "up" from "able to serve". Any identity may read it (system:public-info-viewer).
import { request } from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';

export interface Readiness {
  ready: boolean;
  /** HTTP status, 0 when no answer. */
  status: number;
  /** Names of the failing checks (`[-]etcd failed: …` → `etcd`). */
  failing: string[];
}

/** `[-]name failed: …` lines of a verbose health answer. */
export function failingChecks(body: string): string[] {
  return [...body.matchAll(/^\[-\]([^\s]+) failed/gm)].map((m) => m[1] ?? '').filter(Boolean);
}

/** One line for freshness and error messages. */
export function describeReadiness(r: Readiness): string {
  const checks = r.failing.length > 0 ? `: failing ${r.failing.join(', ')}` : '';
  return `The Kubernetes API server answers but is not ready (/readyz HTTP ${r.status}${checks})`;
}

export async function readApiReadiness(config: KubeConfig, timeoutMs: number): Promise<Readiness> {
  const server = config.getCurrentCluster()?.server;
  if (!server) throw new Error('the kubeconfig names no server');
  const url = new URL('/readyz?verbose', server);
  const opts: Parameters<typeof request>[1] = { method: 'GET', timeout: timeoutMs };
  await config.applyToHTTPSOptions(opts);
  return new Promise((resolve, reject) => {
    const req = request(url, { ...opts, signal: AbortSignal.timeout(timeoutMs) }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        if (body.length < 64 * 1024) body += chunk;
      });
      res.on('end', () => {
        const status = res.statusCode ?? 0;
        resolve({ ready: status === 200, status, failing: failingChecks(body) });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { name: 'TimeoutError' })));
    req.end();
  });
}
