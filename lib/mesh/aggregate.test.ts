import { describe, expect, it } from 'vitest';
import { addToTally, emptyTally, isCounted, isFailed, needsRestart, emptyCounts } from './aggregate.ts';
import { analyzeCluster } from './analyze.ts';
import { deployment, injected, injectNamespace, podOf, snapshot } from '../test/mesh-fixtures.ts';
import type { PodPhase } from './types.ts';

describe('counting like linkerd viz stat', () => {
  it.each<{ phase: PodPhase; deleting: boolean; counted: boolean; failed: boolean }>([
    { phase: 'Pending', deleting: false, counted: true, failed: false },
    { phase: 'Running', deleting: false, counted: true, failed: false },
    { phase: 'Pending', deleting: true, counted: false, failed: false },
    { phase: 'Running', deleting: true, counted: false, failed: false },
    { phase: 'Succeeded', deleting: false, counted: false, failed: false },
    { phase: 'Unknown', deleting: false, counted: false, failed: false },
    { phase: 'Failed', deleting: false, counted: false, failed: true },
    { phase: 'Failed', deleting: true, counted: false, failed: true },
  ])(
    '$phase, deleting $deleting → counted $counted, failed $failed',
    ({ phase, deleting, counted, failed }) => {
      expect(isCounted({ phase, deleting })).toBe(counted);
      expect(isFailed({ phase })).toBe(failed);
    },
  );

  it('needsRestart only for missing, unwanted or outdated pods', () => {
    expect(needsRestart({ ...emptyCounts(), meshed: 5, unmeshed: 2, 'not-injectable': 1 })).toBe(false);
    expect(needsRestart({ ...emptyCounts(), 'missing-proxy': 1 })).toBe(true);
    expect(needsRestart({ ...emptyCounts(), 'unwanted-proxy': 1 })).toBe(true);
    expect(needsRestart({ ...emptyCounts(), 'outdated-proxy': 1 })).toBe(true);
  });

  it('counts meshed pods by proxy, whatever their status, and collects versions', () => {
    const tally = emptyTally();
    const verdict = {
      phase: 'Running' as const,
      deleting: false,
      meshed: true,
      status: 'outdated-proxy' as const,
      proxyVersion: 'v1',
    };
    addToTally(tally, verdict as Parameters<typeof addToTally>[1]);
    expect(tally).toMatchObject({ pods: 1, meshed: 1, failed: 0 });
    expect(tally.statusCounts['outdated-proxy']).toBe(1);
    expect([...tally.proxyVersions]).toEqual(['v1']);
  });
});

describe('counting through analyzeCluster', () => {
  const { deployment: web, replicaSet } = deployment('web');
  const phases: { name: string; phase: PodPhase; deleting?: boolean; proxy?: boolean }[] = [
    { name: 'running-meshed', phase: 'Running', proxy: true },
    { name: 'pending-missing', phase: 'Pending' },
    { name: 'terminating-meshed', phase: 'Running', deleting: true, proxy: true },
    { name: 'succeeded', phase: 'Succeeded' },
    { name: 'unknown', phase: 'Unknown', proxy: true },
    { name: 'failed', phase: 'Failed' },
    { name: 'failed-deleting', phase: 'Failed', deleting: true },
  ];
  const pods = phases.map(({ name, phase, deleting, proxy }) => {
    const p = podOf(replicaSet, name, { phase, deleting: deleting ?? false });
    return proxy ? injected(p) : p;
  });
  const analysis = analyzeCluster(
    snapshot({ namespaces: [injectNamespace('shop', 'enabled')], workloads: [web, replicaSet], pods }),
  );

  it('counts only Pending/Running pods that are not terminating, and Failed ones apart', () => {
    expect(analysis.cluster).toMatchObject({ pods: 2, meshed: 1, failed: 2 });
    expect(analysis.namespaces[0]).toMatchObject({ name: 'shop', pods: 2, meshed: 1, failed: 2 });
    expect(analysis.workloads[0]).toMatchObject({
      kind: 'Deployment',
      name: 'web',
      pods: 2,
      meshed: 1,
      failed: 2,
    });
  });

  it('gives every returned pod a status, but counts statuses over counted pods only', () => {
    expect(analysis.pods).toHaveLength(phases.length);
    expect(analysis.pods.every((p) => typeof p.status === 'string')).toBe(true);
    const counts = analysis.cluster.statusCounts;
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(analysis.cluster.pods);
    expect(counts).toMatchObject({ meshed: 1, 'missing-proxy': 1 });
    // The terminating and Failed pods have statuses of their own, just not in the counts.
    expect(analysis.pods.find((p) => p.name === 'failed')?.status).toBe('missing-proxy');
    expect(analysis.pods.find((p) => p.name === 'terminating-meshed')?.status).toBe('meshed');
  });

  it('does not ask for a restart because of uncounted pods', () => {
    const onlyFailed = analyzeCluster(
      snapshot({
        namespaces: [injectNamespace('shop', 'enabled')],
        workloads: [web, replicaSet],
        pods: [podOf(replicaSet, 'f', { phase: 'Failed' }), podOf(replicaSet, 's', { phase: 'Succeeded' })],
      }),
    );
    expect(onlyFailed.workloads[0]?.needsRestart).toBe(false);
    expect(onlyFailed.cluster.workloadsNeedingRestart).toBe(0);
  });
});
