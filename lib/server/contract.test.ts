// The JSON the shapers produce, parsed with the contract's strict schemas (lib/api/wire.ts): a field
// the engine added, renamed or retyped that the contract does not name fails here, with its path.
// The compile-time half of the check is contract.ts.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as wire from '@/lib/api/wire';
import { snapshotSourceFromEnv } from '@/lib/k8s/snapshot-source';
import { fixtureDump } from '@/lib/test/dump-fixtures';
import { conforms } from '@/lib/test/wire-conformance';
import { namespaceView, overviewView, podView } from './responses';

const file = path.join(mkdtempSync(path.join(tmpdir(), 'meshwatch-contract-')), 'dump.json');
writeFileSync(file, JSON.stringify(fixtureDump()));
const source = snapshotSourceFromEnv({ MESHWATCH_SNAPSHOT: file })!;

const onTheWire = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

describe('the wire contract', () => {
  it('the overview: cluster facts and every namespace row', () => {
    const overview = overviewView(source);
    conforms(wire.clusterSummary, overview.cluster, 'cluster');
    expect(overview.namespaces.length).toBeGreaterThan(1);
    for (const row of overview.namespaces) conforms(wire.namespaceRow, row, `namespace ${row.name}`);
  });

  it('every namespace page: its row, workloads, pods and lints', () => {
    let workloads = 0;
    let pods = 0;
    for (const { name } of overviewView(source).namespaces) {
      const page = namespaceView(source, name);
      conforms(wire.namespaceRow, page.namespace, name);
      for (const w of page.workloads) conforms(wire.workloadRow, w, `${name}/${w.kind}/${w.name}`);
      for (const p of page.pods) conforms(wire.podRow, p, `${name}/${p.name}`);
      for (const l of page.lints) conforms(wire.lint, l, `${name} lint ${l.code}`);
      workloads += page.workloads.length;
      pods += page.pods.length;
    }
    expect(workloads).toBeGreaterThan(0);
    expect(pods).toBeGreaterThan(0);
  });

  it("a pod's explanation", async () => {
    const page = namespaceView(source, 'shop');
    const pod = page.pods[0]!;
    const { pod: explained } = await podView(source, 'shop', pod.name);
    const { owner, ...explanation } = explained;
    conforms(wire.podExplanation, explanation, pod.name);
    if (owner) conforms(wire.ownerRef, owner, `${pod.name} owner`);
  });

  it('refuses a field the contract does not name', () => {
    const row = onTheWire(overviewView(source).namespaces[0]) as Record<string, unknown>;
    expect(wire.namespaceRow.safeParse({ ...row, renamedField: 1 }).success).toBe(false);
  });
});
