import { describe, expect, it } from 'vitest';
import { analyzeCluster } from '@/lib/mesh';
import { DumpError, parseDump } from './dump';
import { deploymentObj, fixtureDump, namespaceObj, podObj, replicaSetObj } from '@/lib/test/dump-fixtures';
import { assembleSnapshot } from './source';

const text = (value: unknown) => JSON.stringify(value);

function failure(input: string): string {
  try {
    parseDump(input, 'dump.json');
  } catch (err) {
    expect(err).toBeInstanceOf(DumpError);
    return (err as Error).message;
  }
  throw new Error('parseDump accepted the dump');
}

describe('parseDump', () => {
  it('reads every kind the engine needs through the informers’ converters', () => {
    const dump = parseDump(text(fixtureDump()));
    expect(dump.counts).toMatchObject({ Namespace: 3, Pod: 4, Deployment: 3, ReplicaSet: 3, ConfigMap: 2 });
    expect(dump.linkerdConfigs.map((c) => c.linkerdVersion)).toEqual(['edge-25.6.1']);
    expect(dump.webhooks[0]?.failurePolicy).toBe('Ignore');
    const analysis = analyzeCluster(assembleSnapshot(dump));
    const status = Object.fromEntries(analysis.pods.map((p) => [p.name, p.status]));
    expect(status['web-5f7b-nopxy']).toBe('missing-proxy');
    expect(status['web-5f7b-meshd']).toBe('meshed');
    expect(status['job-runner-5f7b-plain']).toBe('unmeshed');
    expect(analysis.cluster.injectorPods).toEqual({ total: 1, ready: 1 });
  });

  it('ignores kinds it does not need (Secrets never become records)', () => {
    const secret = {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 's', namespace: 'shop' },
      data: { k: 'v' },
    };
    const dump = parseDump(text(fixtureDump([secret])));
    expect(dump.counts.Secret).toBeUndefined();
  });

  it('refuses text that is not JSON, naming the file and the command', () => {
    const message = failure('{"items": [');
    expect(message).toMatch(/^dump\.json is not JSON/);
    expect(message).toContain('kubectl get namespaces,pods,');
  });

  it('refuses JSON that is not a kubectl list', () => {
    expect(failure('[1,2]')).toMatch(/not a kubectl list/);
    expect(failure('{"kind": "Pod", "metadata": {"name": "x"}}')).toMatch(/not a kubectl list/);
  });

  it('names the item without a kind or a name', () => {
    expect(failure(text({ kind: 'List', items: [{ metadata: { name: 'x' } }] }))).toMatch(
      /item 0 has no "kind"/,
    );
    expect(
      failure(text({ kind: 'List', items: [{ kind: 'Pod', metadata: { namespace: 'shop' } }] })),
    ).toMatch(/item 0 \(Pod shop\/undefined\) has no metadata.name/);
  });

  it('names what a partial dump lacks', () => {
    const full = fixtureDump();
    const without = (kinds: string[]) => ({
      ...full,
      items: full.items.filter((i) => !kinds.includes(String((i as { kind: string }).kind))),
    });
    expect(failure(text(without(['Namespace'])))).toMatch(/incomplete: no namespaces/);
    expect(failure(text(without(['ReplicaSet'])))).toMatch(
      /no replicasets although [\w/-]+ is owned by ReplicaSet /,
    );
    expect(failure(text(without(['Deployment'])))).toMatch(/no deployments although/);
    expect(failure(text(without(['ConfigMap'])))).toMatch(/no configmaps \(linkerd-config is needed\)/);
    expect(failure(text(without(['Pod'])))).toMatch(/no pods/);
  });

  it('names namespaces whose pods are there but whose Namespace object is not', () => {
    const dump = fixtureDump([
      deploymentObj('ghost', 'w'),
      replicaSetObj('ghost', 'w'),
      podObj('ghost', 'w', 'x'),
    ]);
    expect(failure(text(dump))).toMatch(/namespaces ghost \(their pods are in the dump\)/);
  });

  it('reads a 10,000-pod dump', () => {
    const items: unknown[] = [];
    for (let n = 0; n < 100; n++) {
      const ns = `ns-${n}`;
      items.push(namespaceObj(ns, n % 2 ? { 'linkerd.io/inject': 'enabled' } : {}));
      for (let w = 0; w < 10; w++) {
        items.push(deploymentObj(ns, `app-${w}`), replicaSetObj(ns, `app-${w}`));
        for (let p = 0; p < 10; p++) items.push(podObj(ns, `app-${w}`, `p${p}`));
      }
    }
    const dump = parseDump(text({ kind: 'List', items }));
    expect(dump.pods).toHaveLength(10_000);
    const analysis = analyzeCluster(assembleSnapshot(dump));
    expect(analysis.cluster.pods).toBe(10_000);
    expect(analysis.namespaces).toHaveLength(100);
  }, 120_000);
});
