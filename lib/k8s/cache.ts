import 'server-only';
// The process-wide cluster cache: one informer per resource, a versioned ClusterSnapshot for the engine,
// per-namespace change notifications (coalesced, for the SSE stream) and freshness. Started once per
// process from instrumentation.ts and kept on globalThis, so dev reloads and the separate route bundles
// all reach the same instance.
import type { ChangeEvent, ContextInfo, Freshness } from '@/lib/api/dto';
import { isMeshwatchError, MeshwatchError } from '@/lib/api/errors';
import type { KubeConfig } from '@kubernetes/client-node';
import type { ClusterSnapshot } from '@/lib/mesh/types';
import {
  callOptions,
  KUBECONFIG_UNREADABLE,
  loadKubeContext,
  makeClients,
  redactSecrets,
  type Clients,
} from './config';
import { setApiServerNote, toMeshwatchError } from './errors';
import { describeReadiness, readApiReadiness } from './readiness';
import type { InformerListener, InformerStatus } from './informer';
import { allInformers, makeInformers, type Informers } from './resources';
import { snapshotSourceFromEnv } from './snapshot-source';
import { assembleSnapshot, controlPlaneNamespace, type CacheSubscriber, type ClusterSource } from './source';
import { AnalysisStore, sliceSnapshot, type ClusterInputs } from './analysis';
import { toControlPlane } from './control-plane';
import { pickInjectorWebhook } from './webhook';
import type { PodRecord } from '@/lib/mesh/types';

/**
 * One change batch: the analysis is refreshed and one stream event sent per batch. The only batching
 * between a change and the browser (the client revalidates on the event as it comes).
 */
const FLUSH_MS = 50;
/** Reachability probe and watchdog period. */
const TICK_MS = 2_000;
/** The API server's etcd checks time out after 2 s (--etcd-healthcheck-timeout): leave room for its answer. */
const PROBE_TIMEOUT_MS = 3_500;
/** No word from the API server for this long makes the data stale; the watchdog then re-lists. */
export const STALE_AFTER_SECONDS = 120;

export type { CacheSubscriber, ClusterSource } from './source';

export class ClusterCache implements ClusterSource {
  readonly context: ContextInfo;
  readonly clients: Clients | null = null;
  private readonly kubeConfig: KubeConfig | null = null;
  private readonly informers: Informers | null = null;
  private readonly fatal?: string;
  private readonly controlPlaneNamespace = controlPlaneNamespace();
  private version = 0;
  private memo?: { version: number; snapshot: ClusterSnapshot };
  private pending = new Set<string>();
  readonly analysis: AnalysisStore;
  private flushTimer?: ReturnType<typeof setTimeout>;
  private ticker?: ReturnType<typeof setInterval>;
  private subscribers = new Set<CacheSubscriber>();
  private lastStatus = '';
  /**
   * GET /readyz?verbose every tick: a restarting API server may keep old watch streams open for seconds
   * while it refuses new requests, and one whose etcd is gone still answers /version and keeps its
   * watches while every write hangs; so watches (or /version) alone notice an outage late or never.
   */
  private probe: { healthy: boolean; lastError?: string; lastOkAt: number | null; inFlight: boolean } = {
    healthy: false,
    lastOkAt: null,
    inFlight: false,
  };

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
      this.kubeConfig = config;
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
    if (this.informers) for (const informer of allInformers(this.informers)) informer.stop();
  }

  private statuses(): InformerStatus[] {
    return this.informers ? allInformers(this.informers).map((i) => i.status()) : [];
  }

  freshness(now = Date.now()): Freshness {
    if (this.fatal) {
      return {
        synced: false,
        stale: true,
        ageSeconds: null,
        lastEventAt: null,
        resources: [{ name: 'kubeconfig', synced: false, healthy: false, lastError: this.fatal }],
      };
    }
    const statuses = this.statuses();
    const synced = statuses.every((s) => s.synced);
    const lastHeard = Math.max(0, this.probe.lastOkAt ?? 0, ...statuses.map((s) => s.lastHeardAt ?? 0));
    const lastEvent = Math.max(0, ...statuses.map((s) => s.lastEventAt ?? 0));
    const ageSeconds = lastHeard ? Math.max(0, Math.round((now - lastHeard) / 1000)) : null;
    const resources: Freshness['resources'] = statuses.map(({ name, synced: s, healthy, lastError }) =>
      lastError ? { name, synced: s, healthy, lastError } : { name, synced: s, healthy },
    );
    const { healthy, lastError } = this.probe;
    resources.push(
      lastError && !healthy
        ? { name: 'api-server', synced: true, healthy, lastError }
        : { name: 'api-server', synced: true, healthy },
    );
    const stale =
      !synced || resources.some((r) => !r.healthy) || ageSeconds === null || ageSeconds > STALE_AFTER_SECONDS;
    return {
      synced,
      stale,
      ageSeconds,
      lastEventAt: lastEvent ? new Date(lastEvent).toISOString() : null,
      resources,
    };
  }

  /** Routes that answer from the cache call this first: before the first full sync there is nothing honest to say. */
  requireSynced(): void {
    if (this.fatal) throw new MeshwatchError('unavailable', `meshwatch has no cluster: ${this.fatal}`);
    const waiting = this.statuses().filter((s) => !s.synced);
    if (waiting.length === 0) return;
    // Group by error: when the API server is unreachable all ten say the same thing.
    const byError = new Map<string, string[]>();
    for (const s of waiting)
      byError.set(s.lastError ?? '', [...(byError.get(s.lastError ?? '') ?? []), s.name]);
    const detail = [...byError]
      .map(([error, names]) => `${names.join(', ')}${error ? ` (${error.replace(/\.$/, '')})` : ''}`)
      .join('; ');
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
    this.flushTimer ??= setTimeout(() => this.flush(), FLUSH_MS);
  }

  /** End of a batch: refresh the analysis once (if synced), then tell subscribers what changed. */
  private flush(): void {
    this.flushTimer = undefined;
    let clusterWide = this.pending.has('*');
    if (this.statuses().every((s) => s.synced)) {
      try {
        clusterWide = this.analysis.refresh().clusterWide || clusterWide;
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
    const names = clusterWide
      ? this.analysis.namespaceNames()
      : [...this.pending].filter((n) => n && n !== '*').sort();
    this.pending.clear();
    const event: ChangeEvent = clusterWide
      ? { namespaces: names, at: new Date().toISOString(), cluster: true }
      : { namespaces: names, at: new Date().toISOString() };
    for (const s of this.subscribers) s.change?.(event);
  }

  private onHealth(): void {
    this.publishStatus(this.freshness());
  }

  private publishStatus(freshness: Freshness): void {
    const key = `${freshness.synced}|${freshness.stale}|${freshness.resources.map((r) => `${r.healthy}${r.lastError ?? ''}`).join()}`;
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

  /** Also keeps the Kubernetes version current (an outage may have been an upgrade). */
  private async probeApiServer(): Promise<void> {
    if (!this.clients || !this.kubeConfig || this.probe.inFlight) return;
    this.probe.inFlight = true;
    const wasHealthy = this.probe.healthy;
    try {
      const readiness = await readApiReadiness(this.kubeConfig, PROBE_TIMEOUT_MS);
      if (!readiness.ready) throw new Error(describeReadiness(readiness), { cause: 'not-ready' });
      if (!wasHealthy || !this.context.kubernetesVersion) {
        const info = await this.clients.version.getCode(
          undefined,
          callOptions({ timeoutMs: PROBE_TIMEOUT_MS }),
        );
        this.context.kubernetesVersion = info.gitVersion;
      }
      this.probe = { healthy: true, lastOkAt: Date.now(), inFlight: false };
      setApiServerNote(undefined);
    } catch (err) {
      const notReady = err instanceof Error && err.cause === 'not-ready';
      // No answer at all from /readyz: its etcd checks hang when etcd is frozen or partitioned.
      const silent = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
      const lastError = notReady
        ? err.message
        : silent
          ? `The Kubernetes API server's readiness check (/readyz) did not answer within ${PROBE_TIMEOUT_MS / 1000} s: the API server or its storage (etcd) is not serving`
          : toMeshwatchError(err).message;
      this.probe = { healthy: false, lastError, lastOkAt: this.probe.lastOkAt, inFlight: false };
      setApiServerNote(notReady || silent ? lastError : undefined);
    }
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
