import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { ENCODING_HEADER, READY_HEADER } from '@/lib/api/encoding-passthrough';
import { describe, expect, it } from 'vitest';
import { deploymentObj, fixtureDump, namespaceObj, podObj, replicaSetObj } from '@/lib/test/dump-fixtures';
import { snapshotSourceFromEnv } from '@/lib/k8s/snapshot-source';
import { namespaceResponse, overviewResponse } from './response-bodies';
import { namespaceView, overviewView } from './responses';

const file = path.join(mkdtempSync(path.join(tmpdir(), 'meshwatch-bodies-')), 'dump.json');
writeFileSync(file, JSON.stringify(fixtureDump()));
const source = snapshotSourceFromEnv({ MESHWATCH_SNAPSHOT: file })!;
const gzip = () =>
  new Request('http://127.0.0.1/', {
    headers: { 'accept-encoding': 'gzip, deflate, br', [READY_HEADER]: '1' },
  });

async function gunzipped(res: Response): Promise<Record<string, unknown>> {
  expect(res.headers.get(ENCODING_HEADER)).toBe('gzip');
  return JSON.parse(gunzipSync(Buffer.from(await res.arrayBuffer())).toString('utf8')) as Record<
    string,
    unknown
  >;
}

describe('response bodies', () => {
  it('the overview body is overviewView, plain and gzipped, and its head is reused', async () => {
    // As the wire carries it (JSON leaves undefined fields out).
    const view = JSON.parse(JSON.stringify(overviewView(source))) as Record<string, unknown>;
    const plain = (await overviewResponse(new Request('http://127.0.0.1/'), source).json()) as Record<
      string,
      unknown
    >;
    const packed = await gunzipped(overviewResponse(gzip(), source));
    for (const body of [plain, packed]) {
      expect(Object.keys(body)).toEqual(Object.keys(view));
      expect({ ...body, generatedAt: view.generatedAt }).toEqual(view);
    }
    expect(await gunzipped(overviewResponse(gzip(), source))).toMatchObject({
      namespaces: view.namespaces,
    });
  });

  it('a namespace body is namespaceView; an unknown namespace is 404 as before', async () => {
    const view = JSON.parse(JSON.stringify(namespaceView(source, 'shop'))) as Record<string, unknown>;
    const body = await gunzipped(namespaceResponse(gzip(), source, 'shop'));
    expect(Object.keys(body)).toEqual(Object.keys(view));
    expect(body).toEqual(view);
    expect(await gunzipped(namespaceResponse(gzip(), source, 'shop'))).toEqual(view);
    expect(() => namespaceResponse(gzip(), source, 'nope')).toThrow(/Namespace "nope" not found/);
  });

  it('a big namespace keeps its rows JSON between batches, and a changed row is serialised again', async () => {
    // 300 pods in "big" (over the 200 that keep their rows), then the same with one pod meshed.
    const bigDump = (meshed: string | null) => {
      const items: unknown[] = [namespaceObj('big', { 'linkerd.io/inject': 'enabled' })];
      items.push(deploymentObj('big', 'api'), replicaSetObj('big', 'api'));
      for (let i = 0; i < 300; i++) {
        const suffix = `p${String(i).padStart(3, '0')}`;
        items.push(podObj('big', 'api', suffix, suffix === meshed ? { proxy: 'edge-25.6.1' } : {}));
      }
      const dumpFile = path.join(mkdtempSync(path.join(tmpdir(), 'meshwatch-big-')), 'dump.json');
      writeFileSync(dumpFile, JSON.stringify(fixtureDump(items)));
      return snapshotSourceFromEnv({ MESHWATCH_SNAPSHOT: dumpFile })!;
    };
    const before = bigDump(null);
    const after = bigDump('p137');
    const wire = (source: typeof before) =>
      JSON.parse(JSON.stringify(namespaceView(source, 'big'))) as {
        pods: { name: string; status: string }[];
      };
    expect(await gunzipped(namespaceResponse(gzip(), before, 'big'))).toEqual(wire(before));
    const changed = await gunzipped(namespaceResponse(gzip(), after, 'big'));
    expect(changed).toEqual(wire(after));
    const statusOf = (body: unknown) =>
      (body as { pods: { name: string; status: string }[] }).pods.find((p) => p.name === 'api-5f7b-p137')
        ?.status;
    expect(statusOf(changed)).toBe('meshed');
    expect(statusOf(wire(before))).not.toBe('meshed');
  });
});
