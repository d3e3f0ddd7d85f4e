import 'server-only';
// Where `meshwatch check|explain` gets the cluster from: a kubectl dump (--from-file), or one sync of the
// same informer cache the server uses (kube context, or --context), stopped again once synced.
import path from 'node:path';
import { ClusterCache } from '@/lib/k8s/cache';
import { readDump } from '@/lib/k8s/snapshot-source';
import { SnapshotSource } from '@/lib/k8s/snapshot-source';
import type { ClusterSource } from '@/lib/k8s/source';

/** The cluster (or the dump) could not be read: exit code UNREACHABLE. */
export class SourceError extends Error {
  override readonly name = 'SourceError';
}

export interface SourceOptions {
  fromFile?: string;
  context?: string;
  timeoutSeconds: number;
  cwd: string;
}

export async function openSource(opts: SourceOptions): Promise<ClusterSource> {
  if (opts.fromFile) {
    const file = path.resolve(opts.cwd, opts.fromFile);
    try {
      const dump = readDump(file);
      return new SnapshotSource(() => dump, file);
    } catch (err) {
      throw new SourceError(err instanceof Error ? err.message : String(err));
    }
  }
  if (opts.context) process.env.MESHWATCH_CONTEXT = opts.context;
  const cache = new ClusterCache();
  cache.start();
  try {
    await waitForSync(cache, opts.timeoutSeconds * 1000);
  } catch (err) {
    cache.stop();
    throw err;
  }
  cache.stop();
  return cache;
}

/** Synced, or a clear reason: no kubeconfig, the API server refusing us, or the deadline. */
async function waitForSync(cache: ClusterCache, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const freshness = cache.freshness();
    if (freshness.synced) return;
    const failed = freshness.resources.find(
      (r) => (r.name === 'kubeconfig' || r.name === 'api-server') && r.lastError,
    );
    if (failed) throw new SourceError(`Cannot reach the cluster: ${failed.lastError}`);
    if (Date.now() > deadline) {
      const waiting = freshness.resources.filter((r) => !r.synced).map((r) => r.lastError ?? r.name);
      throw new SourceError(
        `The cluster did not answer within ${timeoutMs / 1000}s; still waiting for ${waiting.join(', ')}.`,
      );
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}
