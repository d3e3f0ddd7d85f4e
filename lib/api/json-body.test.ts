import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ENCODING_HEADER, READY_HEADER } from './encoding-passthrough';
import {
  acceptsGzip,
  gzipWithTail,
  jsonHead,
  rawArray,
  sameJson,
  splicedJsonResponse,
  textWithTail,
} from './json-body';

async function webGunzip(bytes: Buffer): Promise<string> {
  const stream = new Blob([new Uint8Array(bytes)]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Response(stream).text();
}

const rows = Array.from({ length: 3000 }, (_, i) => ({
  name: `bench-${String(i).padStart(4, '0')}`,
  pods: i % 17,
  note: i % 5 === 0 ? 'ünïcødé — “quoted”' : null,
}));

const head = jsonHead({
  context: { name: 'kind-dev', server: 'https://127.0.0.1:6443' },
  skipped: undefined,
  namespaces: rawArray(rows.map((r) => JSON.stringify(r))),
});

describe('spliced JSON bodies', () => {
  const tail = { freshness: { synced: true, ageSeconds: 0 }, generatedAt: '2026-12-03T12:00:00.000Z' };
  const expected = {
    context: { name: 'kind-dev', server: 'https://127.0.0.1:6443' },
    namespaces: rows,
    ...tail,
  };

  it('the text is the whole object, fields in order, undefined left out', () => {
    const text = textWithTail(head, tail);
    expect(JSON.parse(text)).toEqual(expected);
    expect(Object.keys(JSON.parse(text) as object)).toEqual([
      'context',
      'namespaces',
      'freshness',
      'generatedAt',
    ]);
  });

  it('the gzip stream inflates to the same text with zlib and with the web DecompressionStream', async () => {
    const gz = gzipWithTail(head, tail);
    const text = textWithTail(head, tail);
    expect(head.bytes.length).toBeGreaterThan(64 * 1024); // longer than DEFLATE's window
    expect(gunzipSync(gz).toString('utf8')).toBe(text);
    expect(await webGunzip(gz)).toBe(text);
    expect(gz.length).toBeLessThan(head.bytes.length / 4);
  });

  it('the same head serves many tails', () => {
    for (const at of ['a', 'b'.repeat(70_000), '']) {
      const t = { generatedAt: at };
      expect(JSON.parse(gunzipSync(gzipWithTail(head, t)).toString('utf8'))).toEqual({
        context: expected.context,
        namespaces: rows,
        generatedAt: at,
      });
    }
  });

  it('an empty head or an empty tail still makes one valid object', () => {
    const empty = jsonHead({});
    expect(JSON.parse(gunzipSync(gzipWithTail(empty, { a: 1 })).toString())).toEqual({ a: 1 });
    expect(JSON.parse(gunzipSync(gzipWithTail(empty, {})).toString())).toEqual({});
    expect(JSON.parse(textWithTail(jsonHead({ a: 1 }), {}))).toEqual({ a: 1 });
  });

  it('gzip only when the client takes it', () => {
    const req = (value?: string, ready = true) =>
      new Request('http://127.0.0.1/', {
        headers: {
          ...(value === undefined ? {} : { 'accept-encoding': value }),
          ...(ready ? { [READY_HEADER]: '1' } : {}),
        },
      });
    expect(acceptsGzip(req())).toBe(false);
    expect(acceptsGzip(req('gzip, deflate, br'))).toBe(true);
    expect(acceptsGzip(req('br;q=1.0, GZIP;q=0.5'))).toBe(true);
    expect(acceptsGzip(req('gzip;q=0'))).toBe(false);
    expect(acceptsGzip(req('identity'))).toBe(false);
    expect(acceptsGzip(req('*'))).toBe(true);
    // Without the pass-through the encoding could not be announced: plain JSON.
    expect(acceptsGzip(req('gzip', false))).toBe(false);
  });

  it('the response says what it carries', async () => {
    const gz = splicedJsonResponse(
      new Request('http://x/', { headers: { 'accept-encoding': 'gzip', [READY_HEADER]: '1' } }),
      head,
      tail,
    );
    expect(gz.headers.get(ENCODING_HEADER)).toBe('gzip');
    expect(gz.headers.get('vary')).toBe('accept-encoding');
    expect(gz.headers.get('cache-control')).toBe('no-store, no-transform');
    const bytes = Buffer.from(await gz.arrayBuffer());
    expect(JSON.parse(gunzipSync(bytes).toString())).toEqual(expected);
    const plain = splicedJsonResponse(new Request('http://x/'), head, tail);
    expect(plain.headers.get(ENCODING_HEADER)).toBeNull();
    expect(await plain.json()).toEqual(expected);
  });

  it('a small body survives its pooled Buffer being reused (Response copies the bytes it is given)', async () => {
    const small = jsonHead({ a: 1 });
    const plain = splicedJsonResponse(new Request('http://x/'), small, { b: 2 });
    const gz = splicedJsonResponse(
      new Request('http://x/', { headers: { 'accept-encoding': 'gzip', [READY_HEADER]: '1' } }),
      small,
      { b: 2 },
    );
    // Overwrite Node's shared allocation pool, where bodies this small were cut from.
    for (let i = 0; i < 64; i++) Buffer.allocUnsafe(256).fill(0x78);
    expect(await plain.json()).toEqual({ a: 1, b: 2 });
    expect(JSON.parse(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString())).toEqual({ a: 1, b: 2 });
  });
});

describe('sameJson', () => {
  const row = { uid: 'u1', name: 'web-1', meshed: true, reasons: [{ code: 'x', message: 'm', fix: 'f' }] };
  it('is true exactly when JSON.stringify would give the same text', () => {
    const cases: [unknown, unknown][] = [
      [row, structuredClone(row)],
      [row, { ...row, meshed: false }],
      [row, { ...row, reasons: [] }],
      [row, { ...row, reasons: [{ code: 'x', message: 'm', fix: 'g' }] }],
      [
        { a: 1, b: 2 },
        { b: 2, a: 1 },
      ], // same fields, another order: another text
      [
        [1, 2],
        [1, 2],
      ],
      [
        [1, 2],
        [2, 1],
      ],
      [[], {}],
      [null, {}],
      ['1', 1],
    ];
    for (const [a, b] of cases) expect(sameJson(a, b)).toBe(JSON.stringify(a) === JSON.stringify(b));
    expect(sameJson(row, structuredClone(row))).toBe(true);
  });
  it('counts anything but plain objects and arrays as different (a false "different" only costs a serialisation)', () => {
    expect(sameJson(new Date(0), new Date(0))).toBe(false);
    expect(sameJson({ at: new Date(0) }, { at: new Date(0) })).toBe(false);
    // An undefined field is left out of the text but still counts here.
    expect(sameJson({ a: 1 }, { a: 1, b: undefined })).toBe(false);
  });
});
