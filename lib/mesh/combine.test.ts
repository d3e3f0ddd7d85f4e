import { describe, expect, it } from 'vitest';
import { analyzeCluster } from './analyze.ts';
import { scopeCluster } from './combine.ts';
import { deployment, injected, injectNamespace, namespace, podOf, snapshot } from '../test/mesh-fixtures.ts';

describe('scopeCluster: the cluster as a person who sees some namespaces counts it (#25)', () => {
  const shop = injectNamespace('shop', 'enabled');
  const plain = namespace('plain');
  const web = deployment('web');
  const api = deployment('api', { namespace: 'plain' });
  const workloads = [web, api].flatMap((d) => [d.deployment, d.replicaSet]);
  const shopPods = [injected(podOf(web.replicaSet, 'web-1')), podOf(web.replicaSet, 'web-old')];
  const plainPods = [injected(podOf(api.replicaSet, 'api-1')), podOf(api.replicaSet, 'api-2')];
  const whole = analyzeCluster(
    snapshot({ namespaces: [shop, plain], workloads, pods: [...shopPods, ...plainPods] }),
  );

  it('counts what the namespaces hold, as if the others did not exist', () => {
    const onlyPlain = analyzeCluster(
      snapshot({ namespaces: [plain], workloads: [api.deployment, api.replicaSet], pods: plainPods }),
    );
    const scoped = scopeCluster(
      whole.cluster,
      whole.namespaces.filter((n) => n.name === 'plain'),
    );
    expect(scoped).toEqual(onlyPlain.cluster);
    expect(scoped.pods).toBe(2);
  });

  it('keeps the cluster-wide facts, and counts nothing over no namespace', () => {
    const none = scopeCluster(whole.cluster, []);
    expect(none).toMatchObject({ namespaces: 0, pods: 0, meshed: 0, failed: 0, workloadsNeedingRestart: 0 });
    expect(Object.values(none.statusCounts).every((n) => n === 0)).toBe(true);
    expect(none.webhookPresent).toBe(whole.cluster.webhookPresent);
    expect(none.injectProxyVersion).toBe(whole.cluster.injectProxyVersion);
  });

  it('does not change the analysis it was given', () => {
    const before = JSON.stringify(whole.cluster);
    scopeCluster(whole.cluster, whole.namespaces.slice(0, 1));
    expect(JSON.stringify(whole.cluster)).toBe(before);
  });
});
