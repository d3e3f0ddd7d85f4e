import 'server-only';
// Shapes the engine's analysis into the API's responses: the one place, above lib/k8s, where engine
// results become the JSON contract (lib/api/dto.ts). The analysis is the source's last one
// (lib/k8s/analysis.ts: refreshed once per change batch, per namespace): requests never run the engine
// over the cluster, and a namespace's page is served from its own part.
import type {
  InjectionResponse,
  InjectValue,
  NamespaceResponse,
  OverviewResponse,
  PodResponse,
  PodRow,
} from '@/lib/api/dto';
import type { ContextResponse } from '@/lib/api/context';
import { MeshwatchError } from '@/lib/api/errors';
import {
  analyzeNamespace,
  explainPod,
  podsNeedingRestart,
  type ClusterSnapshot,
  type NamespaceAnalysis,
  type NamespaceRecord,
} from '@/lib/mesh';
import { namespaceInjectionChange } from '@/lib/mesh/changes';
import { kubectlCommands, manifestFragment } from '@/lib/mesh/commands';
import type { ClusterSource as ClusterCache } from '@/lib/k8s/source';
import { namespaceRows, workloadRows } from './action-verdicts';
import { injectorEvents } from '@/lib/k8s/events';
import { clusterAnalysis, namespaceNotFound } from '@/lib/k8s/source-analysis';
import { latestProbe } from '@/lib/k8s/probe';

/** The header's few facts (GET /api/v1/context): a few hundred bytes instead of the whole overview. */
export function contextView(cache: ClusterCache): ContextResponse {
  cache.requireSynced();
  const c = clusterAnalysis(cache).cluster;
  return {
    context: { ...cache.context },
    cluster: {
      controlPlaneNamespace: c.controlPlaneNamespace,
      linkerdVersion: c.linkerdVersion,
      injectProxyVersion: c.injectProxyVersion,
      webhookPresent: c.webhookPresent,
    },
    generatedAt: new Date().toISOString(),
  };
}

export function overviewView(cache: ClusterCache): OverviewResponse {
  cache.requireSynced();
  const analysis = clusterAnalysis(cache);
  return {
    context: { ...cache.context },
    cluster: analysis.cluster,
    injectorProbe: latestProbe(),
    namespaces: namespaceRows(cache, analysis.namespaces),
    freshness: cache.freshness(),
    generatedAt: new Date().toISOString(),
  };
}

/** Adds each pod's direct controller from its record (the verdict names the workload a restart acts on). */
function withOwners(snapshot: ClusterSnapshot, analysis: NamespaceAnalysis): PodRow[] {
  const owners = new Map<string, PodRow['owner']>();
  for (const p of snapshot.pods) if (p.owner) owners.set(p.uid, p.owner);
  return analysis.pods.map((pod) => {
    const owner = owners.get(pod.uid);
    return owner ? { ...pod, owner } : pod;
  });
}

const rowsMemo = new WeakMap<NamespaceAnalysis, PodRow[]>();

export function namespaceView(cache: ClusterCache, namespace: string): NamespaceResponse {
  cache.requireSynced();
  if (!cache.hasNamespace(namespace)) throw namespaceNotFound(namespace);
  const analysis = cache.analysis.namespace(namespace);
  const part = cache.analysis.part(namespace);
  if (!analysis || !part) throw namespaceNotFound(namespace);
  let pods = rowsMemo.get(analysis);
  if (!pods) rowsMemo.set(analysis, (pods = withOwners(part.snapshot, analysis)));
  const [namespaceRow] = namespaceRows(cache, [analysis.namespace]);
  return {
    ...analysis,
    namespace: namespaceRow ?? { ...analysis.namespace, injection: { state: 'allowed' } },
    workloads: workloadRows(cache, analysis.namespace, analysis.workloads),
    pods,
    freshness: cache.freshness(),
  };
}

export async function podView(cache: ClusterCache, namespace: string, podName: string): Promise<PodResponse> {
  cache.requireSynced();
  if (!cache.hasNamespace(namespace)) throw namespaceNotFound(namespace);
  const snapshot = cache.namespaceSnapshot(namespace);
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
  patched: NamespaceRecord,
  change: { previousValue: string | null; value: InjectValue | null; dryRun: boolean },
): InjectionResponse {
  const snapshot = cache.namespaceSnapshot(patched.name);
  const replaced: ClusterSnapshot = {
    ...snapshot,
    namespaces: [...snapshot.namespaces.filter((n) => n.name !== patched.name), patched],
  };
  const analysis = analyzeNamespace(replaced, patched.name);
  if (!analysis) throw namespaceNotFound(patched.name);
  const metadataChange = namespaceInjectionChange(patched.name, change.value);
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
        pods: podsNeedingRestart(w.statusCounts),
      })),
    commands: kubectlCommands(metadataChange),
    manifest: manifestFragment(metadataChange),
  };
}
