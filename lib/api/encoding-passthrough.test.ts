import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { ENCODING_HEADER, passEncodingThrough } from './encoding-passthrough';

// A real Node HTTP server, answering as Next's send-response does (appendHeader per header, then the
// body), with the pass-through installed the way instrumentation.ts installs it.
const body = gzipSync(JSON.stringify({ ok: true, pods: 10_000 }));
const server = createServer((req, res: ServerResponse) => {
  passEncodingThrough(res);
  res.appendHeader('content-type', 'application/json');
  if (req.url === '/append') res.appendHeader(ENCODING_HEADER, 'gzip');
  if (req.url === '/set') res.setHeader(ENCODING_HEADER, 'gzip'); // caught at writeHead
  res.end(body);
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('encoding pass-through', () => {
  it.each(['/append', '/set'])(
    '%s: the private header becomes Content-Encoding and the client inflates',
    async (path) => {
      const res = await fetch(base + path);
      expect(res.headers.get('content-encoding')).toBe('gzip');
      expect(res.headers.get(ENCODING_HEADER)).toBeNull();
      expect(await res.json()).toEqual({ ok: true, pods: 10_000 });
    },
  );

  it('other responses are untouched', async () => {
    const res = await fetch(`${base}/plain`);
    expect(res.headers.get('content-encoding')).toBeNull();
    expect(Buffer.from(await res.arrayBuffer())).toEqual(body);
  });
});
