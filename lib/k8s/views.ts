import 'server-only';
// Shapes the engine's analysis of the cache snapshot into the API's responses. The analysis is memoised
// per cache data version: a burst of clients revalidating after one change costs one engine pass.
import type {
  InjectionResponse,
  InjectValue,
  NamespaceResponse,
  OverviewResponse,
  PodResponse,
  PodRow,
} from '@/lib/api/dto';
import { MeshwatchError } from '@/lib/api/errors';
import {
  analyzeCluster,
  analyzeNamespace,
  explainPod,
  RESTART_FIXES,
  type ClusterAnalysis,
  type ClusterSnapshot,
  type NamespaceAnalysis,
  type NamespaceRecord,
} from '@/lib/mesh';
import type { V1Namespace } from '@kubernetes/client-node';
import type { ClusterSource as ClusterCache } from './source';
import type { Clients } from './config';
import { injectorEvents } from './events';
import { latestProbe } from './probe';
import { toNamespaceRecord } from './records';

let memo: { cache: ClusterCache; version: number; analysis: ClusterAnalysis } | undefined;

/** The engine's analysis of the current snapshot, memoised per data version (views and /metrics share it). */
export function clusterAnalysis(cache: ClusterCache): ClusterAnalysis {
  const version = cache.dataVersion;
  if (memo?.cache === cache && memo.version === version) return memo.analysis;
  const analysis = analyzeCluster(cache.snapshot());
  memo = { cache, version, analysis };
  return analysis;
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

function notFound(namespace: string): MeshwatchError {
  return new MeshwatchError('not_found', `Namespace "${namespace}" not found.`);
}

export function overviewView(cache: ClusterCache): OverviewResponse {
  cache.requireSynced();
  const analysis = clusterAnalysis(cache);
  return {
    context: { ...cache.context },
    cluster: analysis.cluster,
    injectorProbe: latestProbe(),
    namespaces: analysis.namespaces,
    freshness: cache.freshness(),
    generatedAt: new Date().toISOString(),
  };
}

/** Adds each pod's direct controller from its record (the verdict names the workload a restart acts on). */
function withOwners(snapshot: ClusterSnapshot, analysis: NamespaceAnalysis): PodRow[] {
  const owners = new Map(snapshot.pods.filter((p) => p.owner).map((p) => [p.uid, p.owner]));
  return analysis.pods.map((pod) => {
    const owner = owners.get(pod.uid);
    return owner ? { ...pod, owner } : pod;
  });
}

export function namespaceView(cache: ClusterCache, namespace: string): NamespaceResponse {
  cache.requireSynced();
  const snapshot = cache.snapshot();
  if (!snapshot.namespaces.some((n) => n.name === namespace)) throw notFound(namespace);
  const analysis = analyzeNamespace(snapshot, namespace);
  if (!analysis) throw notFound(namespace);
  return { ...analysis, pods: withOwners(snapshot, analysis), freshness: cache.freshness() };
}

export async function podView(cache: ClusterCache, namespace: string, podName: string): Promise<PodResponse> {
  cache.requireSynced();
  const snapshot = cache.snapshot();
  if (!snapshot.namespaces.some((n) => n.name === namespace)) throw notFound(namespace);
  const explanation = explainPod(snapshot, namespace, podName);
  const record = snapshot.pods.find((p) => p.namespace === namespace && p.name === podName);
  if (!explanation || !record)
    throw new MeshwatchError('not_found', `Pod "${podName}" not found in namespace "${namespace}".`);

  const objects: { kind: string; name: string }[] = [];
  if (record.owner) objects.push(record.owner);
  if (explanation.workload) objects.push(explanation.workload);
  const response: PodResponse = {
    pod: record.owner ? { ...explanation, owner: record.owner } : explanation,
    events: [],
    freshness: cache.freshness(),
  };
  if (objects.length > 0 && cache.clients) {
    try {
      response.events = await injectorEvents(cache.clients, namespace, objects);
    } catch (err) {
      response.eventsError = err instanceof Error ? err.message : String(err);
    }
  }
  return response;
}

/**
 * After a patch the informer may not have caught up yet: analyse the cached snapshot with the namespace
 * record replaced by what the API server returned.
 */
export function injectionView(
  cache: ClusterCache,
  patchedNamespace: V1Namespace,
  change: { previousValue: string | null; value: InjectValue | null; dryRun: boolean },
): InjectionResponse {
  const patched: NamespaceRecord = toNamespaceRecord(patchedNamespace);
  const snapshot = cache.snapshot();
  const replaced: ClusterSnapshot = {
    ...snapshot,
    namespaces: [...snapshot.namespaces.filter((n) => n.name !== patched.name), patched],
  };
  const analysis = analyzeNamespace(replaced, patched.name);
  if (!analysis) throw notFound(patched.name);
  return {
    dryRun: change.dryRun,
    previousValue: change.previousValue,
    value: change.value,
    namespace: analysis.namespace,
    workloadsNeedingRestart: analysis.workloads
      .filter((w) => w.needsRestart)
      .map((w) => ({
        namespace: w.namespace,
        kind: w.kind,
        name: w.name,
        pods: RESTART_FIXES.reduce((sum, status) => sum + w.statusCounts[status], 0),
      })),
  };
}

/** The engine's view of one namespace, for the namespace restart. */
export function namespaceAnalysis(cache: ClusterCache, namespace: string): NamespaceAnalysis {
  cache.requireSynced();
  const snapshot = cache.snapshot();
  if (!snapshot.namespaces.some((n) => n.name === namespace)) throw notFound(namespace);
  const analysis = analyzeNamespace(snapshot, namespace);
  if (!analysis) throw notFound(namespace);
  return analysis;
}

/** Pods a workload has now, per the cache (reported back by the single-workload restart). */
export function workloadPods(cache: ClusterCache, namespace: string, kind: string, name: string): number {
  if (!cache.freshness().synced) return 0;
  const analysis = analyzeNamespace(cache.snapshot(), namespace);
  return analysis?.workloads.find((w) => w.kind === kind && w.name === name)?.pods ?? 0;
}
