// A small HTTP client for the meshwatch API as a browser page would call it: same-origin headers and
// the CSRF token from /api/v1/capabilities on mutations. Options let tests break each rule on purpose.
import { request } from 'node:http';
import type { CapabilitiesResponse, ChangeEvent, ErrorBody, Freshness } from '@/lib/api/dto';
import type { MeshwatchServer } from './server';
import { until } from './testbed';

export interface ApiAnswer<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

export interface PostOptions {
  /** Raw body text instead of JSON.stringify(body). */
  raw?: string;
  contentType?: string | null;
  origin?: string | null;
  csrf?: string | null;
  headers?: Record<string, string>;
}

export class Api {
  private token?: string;

  constructor(readonly server: MeshwatchServer) {}

  async get<T = unknown>(path: string, headers: Record<string, string> = {}): Promise<ApiAnswer<T>> {
    const res = await fetch(this.server.url + path, { headers, signal: AbortSignal.timeout(30_000) });
    return { status: res.status, body: (await readBody(res)) as T, headers: res.headers };
  }

  /** Waits until the server's cache has the namespace (its route answers 200). */
  async waitForNamespace(namespace: string): Promise<void> {
    await until(
      `the cache to see namespace ${namespace}`,
      async () => (await this.get(`/api/v1/namespaces/${namespace}`)).status === 200,
    );
  }

  async csrfToken(): Promise<string> {
    if (!this.token) {
      const caps = await this.get<CapabilitiesResponse>('/api/v1/capabilities');
      if (caps.status !== 200)
        throw new Error(`capabilities answered ${caps.status}: ${JSON.stringify(caps.body)}`);
      this.token = caps.body.csrfToken;
    }
    return this.token;
  }

  async post<T = unknown>(path: string, body: unknown, opts: PostOptions = {}): Promise<ApiAnswer<T>> {
    const headers: Record<string, string> = { ...opts.headers };
    const contentType = opts.contentType === undefined ? 'application/json' : opts.contentType;
    if (contentType) headers['content-type'] = contentType;
    const origin = opts.origin === undefined ? this.server.url : opts.origin;
    if (origin) headers.origin = origin;
    const csrf = opts.csrf === undefined ? await this.csrfToken() : opts.csrf;
    if (csrf) headers['x-meshwatch-csrf'] = csrf;
    const res = await fetch(this.server.url + path, {
      method: 'POST',
      headers,
      body: opts.raw ?? (body === undefined ? undefined : JSON.stringify(body)),
      signal: AbortSignal.timeout(60_000),
    });
    return { status: res.status, body: (await readBody(res)) as T, headers: res.headers };
  }
}

async function readBody(res: Response): Promise<unknown> {
  const text = await res.text();
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export function errorOf(answer: ApiAnswer): ErrorBody['error'] {
  const body = answer.body as Partial<ErrorBody>;
  if (!body?.error)
    throw new Error(
      `expected an error envelope, got ${answer.status}: ${JSON.stringify(answer.body).slice(0, 500)}`,
    );
  return body.error;
}

export type StreamMessage =
  | { type: 'change'; data: ChangeEvent; at: number }
  | { type: 'status'; data: Freshness; at: number }
  | { type: 'heartbeat'; at: number };

/** An SSE connection that records every message with its arrival time. */
export class EventStream {
  readonly messages: StreamMessage[] = [];
  private readonly controller = new AbortController();
  private waiters: (() => void)[] = [];
  readonly ready: Promise<Response>;

  constructor(url: string) {
    this.ready = fetch(url, { headers: { accept: 'text/event-stream' }, signal: this.controller.signal });
    void this.ready.then((res) => this.pump(res)).catch(() => undefined);
  }

  private async pump(res: Response): Promise<void> {
    if (!res.body) return;
    const decoder = new TextDecoder();
    let buffer = '';
    const reader = res.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let cut: number;
      while ((cut = buffer.indexOf('\n\n')) >= 0) {
        const frame = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        this.onFrame(frame);
      }
    }
  }

  private onFrame(frame: string): void {
    const at = Date.now();
    if (frame.startsWith(':')) this.messages.push({ type: 'heartbeat', at });
    const event = /^event: (.*)$/m.exec(frame)?.[1];
    const data = /^data: (.*)$/m.exec(frame)?.[1];
    if (event === 'change' && data)
      this.messages.push({ type: 'change', data: JSON.parse(data) as ChangeEvent, at });
    if (event === 'status' && data)
      this.messages.push({ type: 'status', data: JSON.parse(data) as Freshness, at });
    for (const wake of this.waiters.splice(0)) wake();
  }

  /** Resolves with the first message (from index `from` on) that matches. */
  async next(match: (m: StreamMessage) => boolean, timeoutMs: number, from = 0): Promise<StreamMessage> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.slice(from).find(match);
      if (found) return found;
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(
          `No matching SSE message within ${timeoutMs} ms; got ${JSON.stringify(this.messages.slice(-5))}`,
        );
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  close(): void {
    this.controller.abort();
  }
}

/** node:http, because fetch does not let a caller set the Host header (DNS-rebinding tests need to). */
export function rawRequest(
  url: string,
  opts: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; body: string; headers: Record<string, string | string[] | undefined> }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: opts.method ?? 'GET', headers: opts.headers, timeout: 30_000 },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      },
    );
    req.on('error', reject);
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.end(opts.body);
  });
}
