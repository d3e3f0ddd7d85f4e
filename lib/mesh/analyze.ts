// The engine's entry points. Each is one pass over the snapshot plus Map lookups: no pod is
// compared with another, and decisions are shared by the pods of one workload.
import { namespaceAnalysisOf } from './combine.ts';
import { explainTrace } from './explain.ts';
import { summarise } from './summaries.ts';
import { createContext, judgePod, type PodJudgement } from './pod-verdict.ts';
import type { ClusterAnalysis, ClusterSnapshot, NamespaceAnalysis, PodExplanation } from './types.ts';

/** Every pod's verdict and every summary, for the whole cluster. */
export function analyzeCluster(snapshot: ClusterSnapshot): ClusterAnalysis {
  const ctx = createContext(snapshot);
  const judgements: PodJudgement[] = new Array(snapshot.pods.length);
  for (let i = 0; i < snapshot.pods.length; i++) judgements[i] = judgePod(snapshot.pods[i]!, ctx);
  return summarise(ctx, judgements);
}

/**
 * One namespace's slice, computed from that namespace alone (owners never cross namespaces).
 * undefined when the snapshot knows nothing of it: no record, no workload, no pod.
 */
export function analyzeNamespace(
  snapshot: ClusterSnapshot,
  namespace: string,
): NamespaceAnalysis | undefined {
  const ctx = createContext(snapshot, namespace);
  const judgements: PodJudgement[] = [];
  for (const pod of snapshot.pods) if (pod.namespace === namespace) judgements.push(judgePod(pod, ctx));
  if (judgements.length === 0 && ctx.index.namespaces.size === 0 && ctx.index.workloadsByUid.size === 0)
    return undefined;
  return namespaceAnalysisOf(summarise(ctx, judgements), namespace);
}

/** One pod's verdict with the ordered trace of every rule that led to it; undefined when there is no such pod. */
export function explainPod(
  snapshot: ClusterSnapshot,
  namespace: string,
  pod: string,
): PodExplanation | undefined {
  const record = snapshot.pods.find((p) => p.namespace === namespace && p.name === pod);
  if (!record) return undefined;
  const ctx = createContext(snapshot, namespace);
  const judgement = judgePod(record, ctx);
  return { ...judgement.verdict, trace: explainTrace(judgement, ctx) };
}
