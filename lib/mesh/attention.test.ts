import { describe, expect, it } from 'vitest';
import { deployment, injectNamespace, podOf, snapshot } from '../test/mesh-fixtures.ts';
import { podsNeedingRestart } from './aggregate.ts';
import { analyzeCluster } from './analyze.ts';
import { namespaceAttention, workloadAttention } from './attention.ts';

describe('attention', () => {
  // A namespace opted in after its two pods were created: both miss the proxy, a restart fixes both.
  const { deployment: web, replicaSet } = deployment('web');
  const analysis = analyzeCluster(
    snapshot({
      namespaces: [injectNamespace('shop', 'enabled')],
      workloads: [web, replicaSet],
      pods: [podOf(replicaSet, 'web-a'), podOf(replicaSet, 'web-b')],
    }),
  );
  const shop = analysis.namespaces.find((n) => n.name === 'shop')!;
  const workload = analysis.workloads.find((w) => w.name === 'web')!;

  it('counts the pods a restart fixes', () => {
    expect(podsNeedingRestart(shop.statusCounts)).toBe(2);
  });

  it('a namespace with pods to restart needs attention; its score counts them and its lints', () => {
    expect(namespaceAttention(shop)).toBe(
      2 + shop.lints.length + shop.workloadLints.error + shop.workloadLints.warning,
    );
    expect(
      namespaceAttention({
        ...shop,
        statusCounts: { ...shop.statusCounts, 'missing-proxy': 0 },
        lints: [],
        workloadLints: { error: 0, warning: 0, info: 0 },
      }),
    ).toBe(0);
  });

  it('a workload that needs a restart outranks any number of lints', () => {
    expect(workload.needsRestart).toBe(true);
    const lintOnly = {
      ...workload,
      needsRestart: false,
      lints: Array.from({ length: 50 }, () => workload.lints[0]!),
    };
    expect(workloadAttention(workload)).toBeGreaterThan(workloadAttention(lintOnly));
  });
});
