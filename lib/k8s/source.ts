import 'server-only';
// Where the dashboard's cluster data comes from: the live informer cache (cache.ts) or a kubectl dump read
// once (snapshot-source.ts, MESHWATCH_SNAPSHOT). Views, routes, the SSE stream and /metrics only see this
// interface, so a second source needs no change there.
import type { ChangeEvent, ContextInfo, Freshness } from '@/lib/api/dto';
import type {
  ClusterSnapshot,
  InjectorWebhookRecord,
  NamespaceRecord,
  PodRecord,
  WorkloadRecord,
} from '@/lib/mesh/types';
import type { AnalysisStore } from './analysis';
import type { Clients } from './config';
import { toControlPlane, type LinkerdConfigRecord } from './control-plane';
import { pickInjectorWebhook } from './webhook';

export interface CacheSubscriber {
  change?(event: ChangeEvent): void;
  status?(freshness: Freshness): void;
}

export interface ClusterSource {
  readonly context: ContextInfo;
  /** null: no live cluster (no kubeconfig, or a snapshot). */
  readonly clients: Clients | null;
  /** Bumped on every change: a cheap key for memoising anything derived from the snapshot. */
  readonly dataVersion: number;
  freshness(now?: number): Freshness;
  /** Throws `unavailable` while there is nothing honest to answer with. */
  requireSynced(): void;
  /** The whole cluster as one snapshot (built on demand; requests use `analysis` and `namespaceSnapshot`). */
  snapshot(): ClusterSnapshot;
  /** The engine's last analysis, per namespace and joined: requests read it, never recompute it. */
  readonly analysis: AnalysisStore;
  /** One namespace's records and the cluster-wide inputs, as of the last analysis (a map lookup). */
  namespaceSnapshot(name: string): ClusterSnapshot;
  hasNamespace(name: string): boolean;
  subscribe(subscriber: CacheSubscriber): () => void;
  /** Open SSE connections (each holds one subscriber): /api/v1/diagnostics shows it, tests watch it. */
  readonly subscriberCount: number;
  start(): void;
  stop(): void;
}

/** The records a source holds, before they become the engine's snapshot. */
export interface SourceRecords {
  namespaces: Iterable<NamespaceRecord>;
  workloads: Iterable<WorkloadRecord>;
  pods: Iterable<PodRecord>;
  webhooks: Iterable<InjectorWebhookRecord>;
  linkerdConfigs: Iterable<LinkerdConfigRecord>;
}

export function controlPlaneNamespace(env: NodeJS.ProcessEnv = process.env): string {
  return env.MESHWATCH_LINKERD_NAMESPACE?.trim() || 'linkerd';
}

const byName = <T extends { namespace?: string; name: string }>(a: T, b: T) =>
  (a.namespace ?? '').localeCompare(b.namespace ?? '') || a.name.localeCompare(b.name);

/** Sorted records + the picked webhook and control plane: the same snapshot whichever source holds them. */
export function assembleSnapshot(
  records: SourceRecords,
  cpNamespace = controlPlaneNamespace(),
): ClusterSnapshot {
  const pods = [...records.pods].sort(byName);
  return {
    namespaces: [...records.namespaces].sort(byName),
    workloads: [...records.workloads].sort(byName),
    pods,
    webhook: pickInjectorWebhook([...records.webhooks]),
    controlPlane: toControlPlane([...records.linkerdConfigs], pods, cpNamespace),
  };
}
