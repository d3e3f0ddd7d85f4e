import 'server-only';
// The process-wide cluster cache: one informer per resource, a versioned ClusterSnapshot for the engine,
// per-namespace change notifications (coalesced, for the SSE stream) and freshness. Started once per
// process from instrumentation.ts and kept on globalThis, so dev reloads and the separate route bundles
// all reach the same instance.
import type { ChangeEvent, ContextInfo, Freshness } from '@/lib/api/dto';
import { isMeshwatchError, MeshwatchError } from '@/lib/api/errors';
import type { ClusterSnapshot } from '@/lib/mesh/types';
import { ApiServerProbe } from './api-server-probe';
import { KUBECONFIG_UNREADABLE, loadKubeContext, makeClients, redactSecrets, type Clients } from './config';
import { fatalFreshness, freshnessOf, notSyncedDetail, STALE_AFTER_SECONDS, statusKey } from './freshness';
import type { InformerListener, InformerStatus } from './informer';
import { allInformers, makeInformers, type Informers } from './resources';
import { snapshotSourceFromEnv } from './snapshot-source';
import { assembleSnapshot, controlPlaneNamespace, type CacheSubscriber, type ClusterSource } from './source';
import { AnalysisStore, sliceSnapshot, type ClusterInputs } from './analysis';
import { toControlPlane } from './control-plane';
import { pickInjectorWebhook } from './webhook';
import { processMetrics } from './metrics';
import type { PodRecord } from '@/lib/mesh/types';

/**
 * At most one change batch per FLUSH_MS: the analysis is refreshed and one stream event sent per batch.
 * A change after a quiet spell is flushed at once (on the next turn of the event loop, so the rest of
 * its watch chunk joins it); changes that follow wait for the window to end. The only batching between
 * a change and the browser (the client revalidates on the event as it comes).
 */
const FLUSH_MS = 50;
/** Reachability probe and watchdog period. */
const TICK_MS = 2_000;

export type { CacheSubscriber, ClusterSource } from './source';
export { STALE_AFTER_SECONDS } from './freshness';

export class ClusterCache implements ClusterSource {
  readonly context: ContextInfo;
  readonly clients: Clients | null = null;
  private readonly informers: Informers | null = null;
  private readonly fatal?: string;
  private readonly controlPlaneNamespace = controlPlaneNamespace();
  private version = 0;
  private memo?: { version: number; snapshot: ClusterSnapshot };
  private pending = new Set<string>();
  readonly analysis: AnalysisStore;
  private flushTimer?: ReturnType<typeof setTimeout>;
  /** When a held-back namespace is due (its own timer: it never postpones the next batch). */
  private retryTimer?: ReturnType<typeof setTimeout>;
  private lastFlushAt = 0;
  private ticker?: ReturnType<typeof setInterval>;
  private subscribers = new Set<CacheSubscriber>();
  private lastStatus = '';
  private readonly probe: ApiServerProbe | null = null;

  constructor() {
    this.analysis = new AnalysisStore({
      namespaceNames: () => this.namespaceNames(),
      namespaceRecords: (ns) => {
        const inf = this.informers;
        if (!inf) return { namespaces: [], workloads: [], pods: [] };
        return {
          namespaces: inf.namespaces.inNamespace(ns),
          workloads: inf.workloads.flatMap((i) => [...i.inNamespace(ns)]),
          pods: inf.pods.inNamespace(ns),
        };
      },
      clusterInputs: () => this.clusterInputs(),
    });
    try {
      const { config, info } = loadKubeContext();
      this.context = info;
      this.clients = makeClients(config);
      this.probe = new ApiServerProbe(config, this.clients, this.context);
      const listener: InformerListener = {
        changed: (ns) => this.onChanged(ns),
        health: () => this.onHealth(),
      };
      this.informers = makeInformers(this.clients, config, listener);
    } catch (err) {
      this.context = { name: '', server: '', inCluster: false };
      if (isMeshwatchError(err)) this.fatal = err.message;
      else {
        // Not ours (client-node building clients from a half-valid kubeconfig): may quote it, so log only.
        const why = err instanceof Error ? err.message : String(err);
        console.error(
          JSON.stringify({ level: 'error', msg: 'cannot use the kubeconfig', error: redactSecrets(why) }),
        );
        this.fatal = KUBECONFIG_UNREADABLE;
      }
    }
  }

  /** Bumped on every change: a cheap key for memoising anything derived from the snapshot. */
  get dataVersion(): number {
    return this.version;
  }

  start(): void {
    if (!this.informers || this.ticker) return;
    for (const informer of allInformers(this.informers)) informer.start();
    this.ticker = setInterval(() => this.tick(), TICK_MS);
    this.ticker.unref();
    void this.probeApiServer();
  }

  stop(): void {
    if (this.ticker) clearInterval(this.ticker);
    this.ticker = undefined;
    clearTimeout(this.retryTimer);
    if (this.informers) for (const informer of allInformers(this.informers)) informer.stop();
  }

  private statuses(): InformerStatus[] {
    return this.informers ? allInformers(this.informers).map((i) => i.status()) : [];
  }

  freshness(now = Date.now()): Freshness {
    if (this.fatal) return fatalFreshness(this.fatal);
    return freshnessOf(this.statuses(), this.probe?.state ?? { healthy: false, lastOkAt: null }, now);
  }

  /** Routes that answer from the cache call this first: before the first full sync there is nothing honest to say. */
  requireSynced(): void {
    if (this.fatal) throw new MeshwatchError('unavailable', `meshwatch has no cluster: ${this.fatal}`);
    const detail = notSyncedDetail(this.statuses());
    if (detail === null) return;
    throw new MeshwatchError('unavailable', `The cluster cache has not synced yet; waiting for ${detail}.`);
  }

  snapshot(): ClusterSnapshot {
    if (this.memo?.version === this.version) return this.memo.snapshot;
    const version = this.version;
    const inf = this.informers;
    const snapshot = assembleSnapshot(
      {
        namespaces: inf ? inf.namespaces.records() : [],
        workloads: inf ? inf.workloads.flatMap((i) => [...i.records()]) : [],
        pods: inf ? inf.pods.records() : [],
        webhooks: inf ? inf.webhooks.records() : [],
        linkerdConfigs: inf ? inf.linkerdConfigs.records() : [],
      },
      this.controlPlaneNamespace,
    );
    this.memo = { version, snapshot };
    return snapshot;
  }

  hasNamespace(name: string): boolean {
    if (!this.informers) return false;
    for (const n of this.informers.namespaces.inNamespace(name)) if (n.name === name) return true;
    return false;
  }

  namespaceSnapshot(name: string): ClusterSnapshot {
    return (
      this.analysis.part(name)?.snapshot ??
      sliceSnapshot({ namespaces: [], workloads: [], pods: [] }, this.analysis.clusterInputs())
    );
  }

  private namespaceNames(): Set<string> {
    const names = new Set<string>();
    const inf = this.informers;
    if (!inf) return names;
    for (const informer of [inf.namespaces, inf.pods, ...inf.workloads])
      for (const ns of informer.namespaces()) names.add(ns);
    return names;
  }

  /** Namespaces whose pods are cluster-wide inputs (the injector's): the control plane's. */
  private controlPlaneNamespaces(): Set<string> {
    const names = new Set([this.controlPlaneNamespace]);
    if (this.informers) for (const c of this.informers.linkerdConfigs.records()) names.add(c.namespace);
    return names;
  }

  /** The webhook and the control plane (linkerd-config and its injector pods): read by every namespace. */
  private clusterInputs(): ClusterInputs {
    const inf = this.informers;
    if (!inf) return { webhook: null, controlPlane: null };
    const configs = [...inf.linkerdConfigs.records()];
    const pods: PodRecord[] = [];
    for (const ns of this.controlPlaneNamespaces()) for (const p of inf.pods.inNamespace(ns)) pods.push(p);
    return {
      webhook: pickInjectorWebhook([...inf.webhooks.records()]),
      controlPlane: toControlPlane(configs, pods, this.controlPlaneNamespace),
    };
  }

  /** Open SSE connections (each holds one subscriber): /api/v1/diagnostics shows it, tests watch it. */
  get subscriberCount(): number {
    return this.subscribers.size;
  }

  subscribe(subscriber: CacheSubscriber): () => void {
    this.subscribers.add(subscriber);
    return () => this.subscribers.delete(subscriber);
  }

  private onChanged(namespaces: Set<string>): void {
    this.version++;
    const controlPlane = this.controlPlaneNamespaces();
    let clusterWide = false;
    for (const ns of namespaces) {
      this.pending.add(ns);
      if (ns === '*' || controlPlane.has(ns)) clusterWide = true;
    }
    this.analysis.invalidate(namespaces, clusterWide);
    this.flushTimer ??= setTimeout(
      () => this.flush(),
      Math.max(0, this.lastFlushAt + FLUSH_MS - performance.now()),
    );
  }

  /**
   * End of a batch: refresh the analysis once (if synced), then tell subscribers what changed. A big
   * namespace re-analysed too recently (AnalysisStore's spacing) stays pending, is not announced yet,
   * and gets a batch of its own when it is due.
   */
  private flush(): void {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    this.lastFlushAt = performance.now();
    let clusterWide = this.pending.has('*');
    let deferred: string[] = [];
    if (this.statuses().every((s) => s.synced)) {
      const started = this.lastFlushAt;
      try {
        const refreshed = this.analysis.refresh(started);
        clusterWide = refreshed.clusterWide || clusterWide;
        deferred = refreshed.deferred;
        clearTimeout(this.retryTimer);
        this.retryTimer =
          refreshed.retryInMs === undefined ? undefined : setTimeout(() => this.flush(), refreshed.retryInMs);
        const metrics = processMetrics();
        metrics.changeBatches.observe((performance.now() - started) / 1000);
        metrics.namespacesAnalysed.inc(refreshed.analysed.length);
      } catch (err) {
        console.error(
          JSON.stringify({
            level: 'error',
            msg: 'analysis failed',
            error: err instanceof Error ? err.message : String(err),
          }),
        );
      }
    }
    const held = new Set(deferred);
    const names = clusterWide
      ? this.analysis.namespaceNames()
      : [...this.pending].filter((n) => n && n !== '*' && !held.has(n)).sort();
    this.pending = held;
    if (!clusterWide && names.length === 0) return;
    const event: ChangeEvent = clusterWide
      ? { namespaces: names, at: new Date().toISOString(), cluster: true }
      : { namespaces: names, at: new Date().toISOString() };
    for (const s of this.subscribers) s.change?.(event);
  }

  private onHealth(): void {
    this.publishStatus(this.freshness());
  }

  private publishStatus(freshness: Freshness): void {
    const key = statusKey(freshness);
    if (key === this.lastStatus) return;
    this.lastStatus = key;
    for (const s of this.subscribers) s.status?.(freshness);
  }

  /** Every tick: probe the API server, re-list informers that went silent (watchdog), publish staleness by age. */
  private tick(): void {
    const now = Date.now();
    void this.probeApiServer();
    if (this.informers) {
      for (const informer of allInformers(this.informers)) {
        const { synced, healthy, lastHeardAt } = informer.status();
        if (synced && healthy && lastHeardAt && now - lastHeardAt > STALE_AFTER_SECONDS * 1000)
          informer.kick();
      }
    }
    this.publishStatus(this.freshness(now));
  }

  private async probeApiServer(): Promise<void> {
    if (!this.probe) return;
    await this.probe.run();
    this.publishStatus(this.freshness());
  }
}

const CACHE_KEY = Symbol.for('meshwatch.cluster-cache');

/**
 * The process-wide source, created and started on first use: the informer cache, or the dump named by
 * MESHWATCH_SNAPSHOT (read-only, never touches a cluster).
 */
export function getCache(): ClusterSource {
  const holder = globalThis as Record<symbol, ClusterSource | undefined>;
  let cache = holder[CACHE_KEY];
  if (!cache) {
    cache = snapshotSourceFromEnv() ?? new ClusterCache();
    holder[CACHE_KEY] = cache;
    cache.start();
  }
  return cache;
}
