// Next (16.4, send-response.js FORBIDDEN_HEADERS) drops Content-Encoding from every route handler's
// response, because a body fetched from elsewhere may have been decoded on the way. meshwatch's big
// bodies are gzipped on purpose, once per change (json-body.ts), so the route names its encoding in a
// private header and the HTTP response — patched per request from the server's diagnostics channel in
// instrumentation.ts, before Next sees it — turns that back into Content-Encoding. A route only gzips
// when the request carries READY_HEADER, which only that hook sets: without the hook (next dev, a
// future Next that calls the response differently) every body goes out as plain JSON.
export const ENCODING_HEADER = 'x-meshwatch-content-encoding';
export const READY_HEADER = 'x-meshwatch-encoding-ready';

interface NodeResponse {
  getHeader(name: string): unknown;
  setHeader(name: string, value: string | number | readonly string[]): unknown;
  removeHeader(name: string): void;
  appendHeader?(name: string, value: string | readonly string[]): unknown;
  writeHead(...args: unknown[]): unknown;
}

/** Patches one response so ENCODING_HEADER becomes Content-Encoding (on append, or at the latest on writeHead). */
export function passEncodingThrough(response: NodeResponse): boolean {
  const append = response.appendHeader;
  if (typeof append !== 'function') return false;
  response.appendHeader = function (this: NodeResponse, name: string, value: string | readonly string[]) {
    if (name.toLowerCase() !== ENCODING_HEADER) return append.call(this, name, value);
    this.setHeader('content-encoding', value);
    return this;
  };
  const writeHead = response.writeHead;
  response.writeHead = function (this: NodeResponse, ...args: unknown[]) {
    const value = this.getHeader(ENCODING_HEADER);
    if (value !== undefined) {
      this.removeHeader(ENCODING_HEADER);
      this.setHeader('content-encoding', String(value));
    }
    return writeHead.apply(this, args);
  };
  return true;
}
