import { describe, expect, it } from 'vitest';
import type { Freshness } from '@/lib/api/dto';
import { analyzeCluster } from '@/lib/mesh';
import { syntheticSnapshot } from '@/lib/test/synthetic-cluster';
import { parseDump } from './dump';
import { fixtureDump } from '@/lib/test/dump-fixtures';
import { MeshwatchMetrics } from './metrics';
import { assembleSnapshot } from './source';

const FRESH: Freshness = {
  synced: true,
  stale: false,
  ageSeconds: 3,
  lastEventAt: null,
  resources: [
    { name: 'pods', synced: true, healthy: true },
    { name: 'api-server', synced: true, healthy: false, lastError: 'connection refused' },
  ],
};

async function values(metrics: MeshwatchMetrics, name: string): Promise<Record<string, number>> {
  const metric = (await metrics.json()).find((m) => m.name === name);
  if (!metric) throw new Error(`no metric ${name}`);
  return Object.fromEntries(
    metric.values.map((v) => [
      Object.entries(v.labels)
        .map(([k, l]) => `${k}=${l}`)
        .join(','),
      v.value,
    ]),
  );
}

function fixtureAnalysis() {
  return analyzeCluster(assembleSnapshot(parseDump(JSON.stringify(fixtureDump()))));
}

describe('meshwatch metrics', () => {
  it('counts pods by namespace and status as the engine does', async () => {
    const metrics = new MeshwatchMetrics();
    const analysis = fixtureAnalysis();
    metrics.set({ analysis, freshness: FRESH });
    const pods = await values(metrics, 'meshwatch_pods');
    expect(pods['namespace=shop,status=missing-proxy']).toBe(1);
    expect(pods['namespace=shop,status=meshed']).toBe(1);
    expect(pods['namespace=tools,status=unmeshed']).toBe(1);
    expect(pods['namespace=tools,status=missing-proxy']).toBe(0);
    for (const ns of analysis.namespaces)
      for (const [status, n] of Object.entries(ns.statusCounts))
        expect(pods[`namespace=${ns.name},status=${status}`]).toBe(n);
    expect(await values(metrics, 'meshwatch_workloads_needing_restart')).toMatchObject({
      'namespace=shop': 1,
    });
    expect(await values(metrics, 'meshwatch_proxy_version_pods')).toEqual({ 'version=edge-25.6.1': 1 });
  });

  it('reports the injector and the control plane', async () => {
    const metrics = new MeshwatchMetrics();
    metrics.set({ analysis: fixtureAnalysis(), freshness: FRESH });
    expect(await values(metrics, 'meshwatch_injector_webhook_present')).toEqual({ '': 1 });
    expect(await values(metrics, 'meshwatch_injector_failure_policy')).toEqual({ 'policy=Ignore': 1 });
    expect(await values(metrics, 'meshwatch_injector_pods')).toEqual({ '': 1 });
    expect(await values(metrics, 'meshwatch_injector_pods_ready')).toEqual({ '': 1 });
    expect(await values(metrics, 'meshwatch_control_plane_info')).toEqual({
      'namespace=linkerd,version=edge-25.6.1,proxy_version=edge-25.6.1': 1,
    });
  });

  it('reports freshness per resource, and only that before the first sync', async () => {
    const metrics = new MeshwatchMetrics();
    metrics.set({ analysis: fixtureAnalysis(), freshness: FRESH });
    metrics.set({ analysis: null, freshness: { ...FRESH, synced: false, stale: true, ageSeconds: null } });
    expect(await values(metrics, 'meshwatch_cache_synced')).toEqual({ '': 0 });
    expect(await values(metrics, 'meshwatch_cache_stale')).toEqual({ '': 1 });
    expect(await values(metrics, 'meshwatch_cache_age_seconds')).toEqual({ '': Infinity });
    expect(await values(metrics, 'meshwatch_cache_resource_healthy')).toEqual({
      'resource=pods': 1,
      'resource=api-server': 0,
    });
    expect(await values(metrics, 'meshwatch_pods')).toEqual({});
  });

  it('counts lints by severity and code', async () => {
    const metrics = new MeshwatchMetrics();
    const analysis = fixtureAnalysis();
    metrics.set({ analysis, freshness: FRESH });
    const all = [
      ...analysis.namespaces.flatMap((n) => n.lints),
      ...analysis.workloads.flatMap((w) => w.lints),
    ];
    const lints = await values(metrics, 'meshwatch_lints');
    expect(Object.values(lints).reduce((a, b) => a + b, 0)).toBe(all.length);
    expect(lints['severity=warning,code=restart_required']).toBe(
      all.filter((l) => l.code === 'restart_required').length,
    );
  });

  it('counts actions by kind, result and dry run', async () => {
    const metrics = new MeshwatchMetrics();
    metrics.actions.inc({ action: 'restart-workload', result: 'ok', dry_run: 'false' });
    expect(await values(metrics, 'meshwatch_actions_total')).toEqual({
      'action=restart-workload,result=ok,dry_run=false': 1,
    });
  });

  it('keeps cardinality bounded at 10,000 pods: no series per pod', async () => {
    const metrics = new MeshwatchMetrics();
    const analysis = analyzeCluster(syntheticSnapshot());
    metrics.set({ analysis, freshness: FRESH });
    const series = (await metrics.json())
      .filter((m) => m.name.startsWith('meshwatch_'))
      .reduce((sum, m) => sum + m.values.length, 0);
    // 6 statuses + 1 restart gauge per namespace, plus a handful of cluster-wide series.
    expect(series).toBeLessThan(analysis.namespaces.length * 7 + 100);
    const text = await metrics.text();
    expect(text).not.toMatch(/pod="/);
  }, 120_000);
  it('reports the latest injector probe: one-hot state, latency and time', async () => {
    const metrics = new MeshwatchMetrics();
    metrics.set({ analysis: null, freshness: FRESH });
    expect(await values(metrics, 'meshwatch_injector_probe_state')).toEqual({});
    const at = '2026-01-02T03:04:05.000Z';
    metrics.set({
      analysis: null,
      freshness: FRESH,
      probe: { state: 'failing', sentence: 's', tone: 'bad', durationMs: 38, at },
    });
    const states = await values(metrics, 'meshwatch_injector_probe_state');
    expect(states['state=failing']).toBe(1);
    expect(Object.values(states).reduce((a, b) => a + b, 0)).toBe(1);
    expect(Object.keys(states)).toHaveLength(8);
    expect(await values(metrics, 'meshwatch_injector_probe_latency_seconds')).toEqual({ '': 0.038 });
    expect(await values(metrics, 'meshwatch_injector_probe_timestamp_seconds')).toEqual({
      '': Date.parse(at) / 1000,
    });
  });

  it('accounts for the work changes cost: batches, namespaces analysed and body builds', async () => {
    const metrics = new MeshwatchMetrics();
    metrics.changeBatches.observe(0.004);
    metrics.changeBatches.observe(0.5);
    metrics.namespacesAnalysed.inc(3);
    metrics.responseBuilds.startTimer({ response: 'namespace' })();
    const text = await metrics.text();
    expect(text).toMatch(/^meshwatch_change_batch_seconds_count 2$/m);
    expect(text).toMatch(/^meshwatch_change_batch_seconds_sum 0\.504$/m);
    expect(text).toMatch(/^meshwatch_change_batch_seconds_bucket\{le="0.005"\} 1$/m);
    expect(text).toMatch(/^meshwatch_namespaces_analysed_total 3$/m);
    expect(text).toMatch(/^meshwatch_response_build_seconds_count\{response="namespace"\} 1$/m);
  });
});
