import 'server-only';
// GET /metrics: Prometheus text from prom-client, set at scrape time from the cache's current (memoised)
// analysis and freshness — never by listing the cluster. Cardinality is bounded by design: labels are
// namespaces, statuses, proxy versions, lint codes, resource names and action kinds; never a pod.
// One registry per process on globalThis: Next bundles routes, instrumentation and the ops listener
// separately, and the action counters must be the ones every bundle increments.
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { ActivityEntry, Freshness } from '@/lib/api/dto';
import { isCounted, POD_STATUSES, PROBE_STATES, type ClusterAnalysis, type ProbeVerdict } from '@/lib/mesh';
import type { ClusterSource } from './source';
import { clusterAnalysis } from './source-analysis';

export interface MetricsInput {
  /** null before the first sync (or for an unusable dump): only the cache and process series are set. */
  analysis: ClusterAnalysis | null;
  freshness: Freshness;
  /** The latest dry-run pod CREATE; undefined before the first probe has run. */
  probe?: ProbeVerdict;
}

const gaugeOn =
  (registry: Registry) =>
  <L extends string>(name: string, help: string, labelNames: readonly L[] = []) =>
    new Gauge<L>({ name, help, labelNames, registers: [registry] });

/** Series derived from the engine's analysis: they change only when the cluster does. */
function engineGauges(registry: Registry) {
  const gauge = gaugeOn(registry);
  return {
    pods: gauge(
      'meshwatch_pods',
      'Pods (Pending/Running, not terminating) by namespace and injection status.',
      ['namespace', 'status'],
    ),
    restart: gauge(
      'meshwatch_workloads_needing_restart',
      'Workloads whose running pods differ from what a restart would create, by namespace.',
      ['namespace'],
    ),
    proxyVersions: gauge('meshwatch_proxy_version_pods', 'Meshed pods by proxy version.', ['version']),
    webhookPresent: gauge(
      'meshwatch_injector_webhook_present',
      '1 when the proxy-injector webhook is configured.',
    ),
    failurePolicy: gauge('meshwatch_injector_failure_policy', "1 for the injector webhook's failurePolicy.", [
      'policy',
    ]),
    injectorPods: gauge('meshwatch_injector_pods', 'Proxy-injector pods (Pending/Running).'),
    injectorReady: gauge('meshwatch_injector_pods_ready', 'Ready proxy-injector pods.'),
    controlPlane: gauge('meshwatch_control_plane_info', '1 per Linkerd control plane, with its versions.', [
      'namespace',
      'version',
      'proxy_version',
    ]),
    lints: gauge(
      'meshwatch_lints',
      'Configuration lints on namespaces and workloads, by severity and code.',
      ['severity', 'code'],
    ),
  };
}

/** Series set on every scrape. */
function cacheGauges(registry: Registry) {
  const gauge = gaugeOn(registry);
  return {
    synced: gauge('meshwatch_cache_synced', '1 once every watched resource has been listed.'),
    stale: gauge(
      'meshwatch_cache_stale',
      '1 when the data may be out of date (see meshwatch_cache_resource_healthy).',
    ),
    age: gauge(
      'meshwatch_cache_age_seconds',
      'Seconds since meshwatch last heard from the API server (+Inf: never).',
    ),
    resourceHealthy: gauge(
      'meshwatch_cache_resource_healthy',
      '1 when the resource is watched without error.',
      ['resource'],
    ),
    probeState: gauge(
      'meshwatch_injector_probe_state',
      "1 for the latest injector probe's state (a dry-run pod CREATE), 0 for the others.",
      ['state'],
    ),
    probeLatency: gauge(
      'meshwatch_injector_probe_latency_seconds',
      'How long the latest injector probe took, webhook call included.',
    ),
    probeTimestamp: gauge(
      'meshwatch_injector_probe_timestamp_seconds',
      'When the latest injector probe ran (Unix time).',
    ),
  };
}

type CacheGauges = ReturnType<typeof cacheGauges>;

/** One-hot state, latency and time of the latest probe; nothing before the first probe ran. */
function setProbeGauges(g: CacheGauges, probe: ProbeVerdict | undefined): void {
  if (!probe) return;
  for (const state of PROBE_STATES) g.probeState.set({ state }, state === probe.state ? 1 : 0);
  if (probe.durationMs !== undefined) g.probeLatency.set(probe.durationMs / 1000);
  const at = Date.parse(probe.at);
  if (Number.isFinite(at)) g.probeTimestamp.set(at / 1000);
}

type EngineGauges = ReturnType<typeof engineGauges>;

function setEngineGauges(g: EngineGauges, analysis: ClusterAnalysis | null): void {
  for (const metric of Object.values(g)) metric.reset();
  if (!analysis) return;
  const { cluster } = analysis;
  g.webhookPresent.set(cluster.webhookPresent ? 1 : 0);
  if (cluster.webhookPresent && cluster.failurePolicy)
    g.failurePolicy.set({ policy: cluster.failurePolicy }, 1);
  g.injectorPods.set(cluster.injectorPods.total);
  g.injectorReady.set(cluster.injectorPods.ready);
  if (cluster.controlPlaneNamespace) {
    g.controlPlane.set(
      {
        namespace: cluster.controlPlaneNamespace,
        version: cluster.linkerdVersion ?? '',
        proxy_version: cluster.injectProxyVersion ?? '',
      },
      1,
    );
  }
  for (const ns of analysis.namespaces) {
    for (const status of POD_STATUSES) g.pods.set({ namespace: ns.name, status }, ns.statusCounts[status]);
    g.restart.set({ namespace: ns.name }, ns.workloadsNeedingRestart);
  }
  const versions = new Map<string, number>();
  for (const pod of analysis.pods) {
    if (!pod.meshed || !isCounted(pod)) continue;
    const version = pod.proxyVersion || 'unknown';
    versions.set(version, (versions.get(version) ?? 0) + 1);
  }
  for (const [version, n] of versions) g.proxyVersions.set({ version }, n);
  const lints = new Map<string, { severity: string; code: string; n: number }>();
  const count = ({ severity, code }: { severity: string; code: string }) => {
    const entry = lints.get(`${severity}|${code}`) ?? { severity, code, n: 0 };
    entry.n++;
    lints.set(`${severity}|${code}`, entry);
  };
  for (const ns of analysis.namespaces) ns.lints.forEach(count);
  for (const w of analysis.workloads) w.lints.forEach(count);
  for (const { severity, code, n } of lints.values()) g.lints.set({ severity, code }, n);
}

/** 0.5 ms to 1 s: a batch or a body build past 50 ms is one every request behind it waits for. */
const WORK_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1];

/**
 * Two registries: the engine's series are set and serialised once per analysis (a 10,000-pod cluster
 * has ~3,500 of them, the bulk of a scrape), the cache, action and process series on every scrape.
 */
export class MeshwatchMetrics {
  readonly registry = new Registry();
  readonly engineRegistry = new Registry();
  readonly actions = new Counter({
    name: 'meshwatch_actions_total',
    help: 'Actions meshwatch performed, by kind, result and dry run.',
    labelNames: ['action', 'result', 'dry_run'] as const,
    registers: [this.registry],
  });
  /** The work a change costs meshwatch: what an operator reads when the dashboard lags a busy cluster. */
  readonly changeBatches = new Histogram({
    name: 'meshwatch_change_batch_seconds',
    help: 'Time spent re-analysing the namespaces one change batch touched (on the event loop).',
    buckets: WORK_BUCKETS,
    registers: [this.registry],
  });
  readonly namespacesAnalysed = new Counter({
    name: 'meshwatch_namespaces_analysed_total',
    help: 'Namespace analyses run by change batches (one per namespace a batch touched).',
    registers: [this.registry],
  });
  readonly responseBuilds = new Histogram({
    name: 'meshwatch_response_build_seconds',
    help: 'Time spent serialising and compressing a shared response body after a change (on the event loop), by response.',
    labelNames: ['response'] as const,
    buckets: WORK_BUCKETS,
    registers: [this.registry],
  });
  private readonly cache = cacheGauges(this.registry);
  private readonly engine = engineGauges(this.engineRegistry);
  private engineText?: { analysis: ClusterAnalysis | null; text: Promise<string> };

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  /** Sets every gauge from one input; series of vanished namespaces or versions disappear. */
  set({ analysis, freshness, probe }: MetricsInput): void {
    const g = this.cache;
    for (const metric of Object.values(g)) metric.reset();
    g.synced.set(freshness.synced ? 1 : 0);
    g.stale.set(freshness.stale ? 1 : 0);
    // Never heard from the API server: +Inf, not 0 (which would read as "just now").
    g.age.set(freshness.ageSeconds ?? Infinity);
    for (const r of freshness.resources) g.resourceHealthy.set({ resource: r.name }, r.healthy ? 1 : 0);
    setProbeGauges(g, probe);
    if (this.engineText?.analysis === analysis) return;
    setEngineGauges(this.engine, analysis);
    this.engineText = { analysis, text: this.engineRegistry.metrics() };
  }

  /** The exposition text: the engine's (cached) series, then the per-scrape ones. */
  async text(): Promise<string> {
    const [engine, rest] = await Promise.all([this.engineText?.text ?? '', this.registry.metrics()]);
    return `${engine}${rest}`;
  }

  /** Both registries, for tests and tools that read values rather than text. */
  async json() {
    return [...(await this.engineRegistry.getMetricsAsJSON()), ...(await this.registry.getMetricsAsJSON())];
  }
}

const METRICS_KEY = Symbol.for('meshwatch.metrics');

export function processMetrics(): MeshwatchMetrics {
  const holder = globalThis as Record<symbol, MeshwatchMetrics | undefined>;
  return (holder[METRICS_KEY] ??= new MeshwatchMetrics());
}

/** Called by the audit trail for every action it records. */
export function countAction(entry: Pick<ActivityEntry, 'action' | 'result' | 'dryRun'>): void {
  processMetrics().actions.inc({ action: entry.action, result: entry.result, dry_run: String(entry.dryRun) });
}

export function metricsInput(source: ClusterSource): MetricsInput {
  const freshness = source.freshness();
  let analysis: ClusterAnalysis | null = null;
  try {
    source.requireSynced();
    analysis = clusterAnalysis(source);
  } catch {
    // Not synced yet: the cache series say so.
  }
  return { analysis, freshness };
}

export const METRICS_CONTENT_TYPE = new Registry().contentType;

/** The text of one scrape. */
export async function renderMetrics(source: ClusterSource): Promise<string> {
  const metrics = processMetrics();
  // Imported here: the probe module loads client-node, which the unit tests of this file do not need.
  const { latestProbe } = await import('./probe');
  metrics.set({ ...metricsInput(source), probe: latestProbe() });
  return metrics.text();
}
