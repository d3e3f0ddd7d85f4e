import 'server-only';
// The source's last analysis, as the actions, the guards, /metrics and the response shapers
// (lib/server) read it: refreshed once per change batch, per namespace (analysis.ts), never by a
// request. Also the typed clients, or 503 when there is no cluster connection.
import { MeshwatchError } from '@/lib/api/errors';
import type { ClusterAnalysis, NamespaceAnalysis } from '@/lib/mesh';
import type { Clients } from './config';
import type { ClusterSource as ClusterCache } from './source';

/** The engine's last analysis of the source (views and /metrics share it). */
export function clusterAnalysis(cache: ClusterCache): ClusterAnalysis {
  return cache.analysis.analysis();
}

/** The engine's cluster-wide facts (memoised with the analysis): the guards and the probe read them. */
export function clusterSummaryOf(cache: ClusterCache): ClusterAnalysis['cluster'] {
  return clusterAnalysis(cache).cluster;
}

/** The typed clients, or 503 when meshwatch could not even load a kubeconfig. */
export function clientsOf(cache: ClusterCache): Clients {
  if (!cache.clients) cache.requireSynced();
  if (!cache.clients) throw new MeshwatchError('unavailable', 'meshwatch has no cluster connection.');
  return cache.clients;
}

export function namespaceNotFound(namespace: string): MeshwatchError {
  return new MeshwatchError('not_found', `Namespace "${namespace}" not found.`);
}

/** The engine's view of one namespace, for the namespace restart. */
export function namespaceAnalysis(cache: ClusterCache, namespace: string): NamespaceAnalysis {
  cache.requireSynced();
  if (!cache.hasNamespace(namespace)) throw namespaceNotFound(namespace);
  const analysis = cache.analysis.namespace(namespace);
  if (!analysis) throw namespaceNotFound(namespace);
  return analysis;
}

/** Pods a workload has now, per the cache (reported back by the single-workload restart). */
export function workloadPods(cache: ClusterCache, namespace: string, kind: string, name: string): number {
  if (!cache.freshness().synced) return 0;
  const analysis = cache.analysis.namespace(namespace);
  return analysis?.workloads.find((w) => w.kind === kind && w.name === name)?.pods ?? 0;
}
