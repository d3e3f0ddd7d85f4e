import 'server-only';
// The overview and namespace responses as HTTP bodies, serialised and compressed once per change batch
// (per namespace for a namespace page) and shared by every request until then; each request adds only
// its own freshness and time (lib/api/json-body.ts). The JSON is exactly overviewView's / namespaceView's.
// A big namespace also keeps each pod row's JSON while the row is unchanged, so a batch that touched a
// few of its 2,000 pods serialises those few.
import type { PodRow } from '@/lib/api/dto';
import {
  jsonHead,
  rawArray,
  sameJson,
  splicedJsonResponse,
  type JsonHead,
  type RawJson,
} from '@/lib/api/json-body';
import {
  scopeCluster,
  type ClusterAnalysis,
  type NamespaceAnalysis,
  type NamespaceSummary,
} from '@/lib/mesh';
import { namespaceRows } from './action-verdicts';
import { guardCluster } from '@/lib/k8s/guard';
import { processMetrics } from '@/lib/k8s/metrics';
import { latestProbe } from '@/lib/k8s/probe';
import type { ClusterSource as ClusterCache } from '@/lib/k8s/source';
import { clusterAnalysis } from '@/lib/k8s/source-analysis';
import { namespaceView } from './responses';

interface Held {
  key: string;
  head: JsonHead;
}

/** A namespace row's JSON, per engine summary (unchanged namespaces keep theirs across batches). */
const rowTexts = new WeakMap<NamespaceSummary, { controlPlane: string | undefined; text: string }>();
const overviewHeads = new WeakMap<ClusterAnalysis, Held>();
/** Bodies for people who see only some namespaces, per analysis and set of namespaces. */
const scopedHeads = new WeakMap<ClusterAnalysis, Map<string, Held>>();
const SCOPED_HEADS_PER_ANALYSIS = 64;
const namespaceHeads = new WeakMap<NamespaceAnalysis, Held>();

function rowText(cache: ClusterCache, summary: NamespaceSummary, controlPlane: string | undefined): string {
  const held = rowTexts.get(summary);
  if (held && held.controlPlane === controlPlane) return held.text;
  const text = JSON.stringify(namespaceRows(cache, [summary])[0]);
  rowTexts.set(summary, { controlPlane, text });
  return text;
}

function buildOverview(cache: ClusterCache, analysis: ClusterAnalysis, visible: ReadonlySet<string> | 'all') {
  const namespaces =
    visible === 'all' ? analysis.namespaces : analysis.namespaces.filter((ns) => visible.has(ns.name));
  const controlPlane = analysis.cluster.controlPlaneNamespace;
  const done = processMetrics().responseBuilds.startTimer({ response: 'overview' });
  const head = jsonHead({
    context: cache.context,
    cluster: visible === 'all' ? analysis.cluster : scopeCluster(analysis.cluster, namespaces),
    injectorProbe: latestProbe(),
    namespaces: rawArray(namespaces.map((ns) => rowText(cache, ns, controlPlane))),
  });
  done();
  return head;
}

function overviewHead(cache: ClusterCache, visible: ReadonlySet<string> | 'all'): JsonHead {
  const analysis = clusterAnalysis(cache);
  const key = JSON.stringify([cache.context, latestProbe()]);
  if (visible === 'all') {
    const held = overviewHeads.get(analysis);
    if (held?.key === key) return held.head;
    const head = buildOverview(cache, analysis, visible);
    overviewHeads.set(analysis, { key, head });
    return head;
  }
  // People who see the same namespaces share a body too.
  const scope = [...visible].sort().join(',');
  let heads = scopedHeads.get(analysis);
  if (!heads) scopedHeads.set(analysis, (heads = new Map()));
  const held = heads.get(scope);
  if (held?.key === key) return held.head;
  const head = buildOverview(cache, analysis, visible);
  if (heads.size >= SCOPED_HEADS_PER_ANALYSIS) heads.clear();
  heads.set(scope, { key, head });
  return head;
}

/** GET /api/v1/overview: every namespace, or only those the person sees (their counts, too). */
export function overviewResponse(
  request: Request,
  cache: ClusterCache,
  visible: ReadonlySet<string> | 'all' = 'all',
): Response {
  cache.requireSynced();
  const head = overviewHead(cache, visible);
  return splicedJsonResponse(request, head, {
    freshness: cache.freshness(),
    generatedAt: new Date().toISOString(),
  });
}

/** Namespaces of this many pods and more keep their rows' JSON between batches. */
const ROW_TEXT_MIN_PODS = 200;
/** A big namespace's pod rows as JSON, by uid; a batch reserialises only the rows it changed. */
const podTexts = new Map<string, Map<string, { row: PodRow; text: string }>>();

function podRowsJson(namespace: string, pods: PodRow[]): PodRow[] | RawJson {
  if (pods.length < ROW_TEXT_MIN_PODS) {
    podTexts.delete(namespace);
    return pods;
  }
  const held = podTexts.get(namespace);
  const next = new Map<string, { row: PodRow; text: string }>();
  const texts = pods.map((row) => {
    const before = held?.get(row.uid);
    const entry = before && sameJson(before.row, row) ? before : { row, text: JSON.stringify(row) };
    next.set(row.uid, entry);
    return entry.text;
  });
  podTexts.set(namespace, next);
  return rawArray(texts);
}

/** GET /api/v1/namespaces/:namespace (404 and 503 as namespaceView). */
export function namespaceResponse(request: Request, cache: ClusterCache, namespace: string): Response {
  cache.requireSynced();
  const analysis = cache.hasNamespace(namespace) ? cache.analysis.namespace(namespace) : undefined;
  if (!analysis) podTexts.delete(namespace);
  // Row verdicts follow the probe and the cluster's facts: part of the key.
  const key = JSON.stringify(guardCluster(cache));
  let held = analysis ? namespaceHeads.get(analysis) : undefined;
  if (!analysis || held?.key !== key) {
    const done = processMetrics().responseBuilds.startTimer({ response: 'namespace' });
    const { namespace: row, workloads, pods, lints } = namespaceView(cache, namespace);
    held = { key, head: jsonHead({ namespace: row, workloads, pods: podRowsJson(namespace, pods), lints }) };
    done();
    if (analysis) namespaceHeads.set(analysis, held);
  }
  return splicedJsonResponse(request, held.head, { freshness: cache.freshness() });
}
