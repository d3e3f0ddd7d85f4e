// The meshwatch API as one person reaches it (#25): through an authenticating proxy (a bearer header,
// sent from a chosen loopback address so the server can tell a trusted proxy from anyone else) or with
// a sign-in session's cookie. Every answer's raw text and headers are kept, so a test can check that no
// token ever comes back.
import { request } from 'node:http';
import type { CapabilitiesResponse } from '@/lib/api/dto';
import type { MeshwatchServer } from './server';

export interface RawAnswer<T = unknown> {
  status: number;
  body: T;
  text: string;
  headers: Record<string, string | string[] | undefined>;
}

export interface PersonOptions {
  /** Sent as `Authorization: Bearer` (as oauth2-proxy's --pass-authorization-header does). */
  bearer?: string;
  /** The loopback address the request leaves from (127.0.0.0/8 all reach 127.0.0.1). */
  from?: string;
}

/** Every raw answer any PersonApi received, for the "no token in any response" check. */
export const received: RawAnswer[] = [];

export class PersonApi {
  cookie?: string;
  private csrf?: string;

  constructor(
    readonly server: MeshwatchServer,
    readonly opts: PersonOptions = {},
  ) {}

  send<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<RawAnswer<T>> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const all: Record<string, string> = { accept: 'application/json', ...headers };
    if (this.opts.bearer) all.authorization = `Bearer ${this.opts.bearer}`;
    if (this.cookie) all.cookie = this.cookie;
    if (payload !== undefined) all['content-type'] = 'application/json';
    return new Promise((resolve, reject) => {
      const req = request(
        `${this.server.url}${path}`,
        { method, headers: all, localAddress: this.opts.from ?? '127.0.0.1', timeout: 30_000 },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let parsed: unknown = text;
            try {
              parsed = JSON.parse(text);
            } catch {
              // not JSON (a page)
            }
            const answer = { status: res.statusCode ?? 0, body: parsed as T, text, headers: res.headers };
            received.push(answer);
            const set = res.headers['set-cookie']?.find((c) => c.startsWith('meshwatch-session='));
            if (set) this.cookie = set.split(';')[0]!.endsWith('=') ? undefined : set.split(';')[0];
            resolve(answer);
          });
        },
      );
      req.on('timeout', () => req.destroy(new Error(`${method} ${path} timed out`)));
      req.on('error', reject);
      if (payload !== undefined) req.write(payload);
      req.end();
    });
  }

  get<T = unknown>(path: string): Promise<RawAnswer<T>> {
    return this.send<T>('GET', path);
  }

  /** A mutation as the UI sends it: same origin, with the CSRF token. */
  async post<T = unknown>(path: string, body: unknown): Promise<RawAnswer<T>> {
    if (!this.csrf) {
      const caps = await this.get<CapabilitiesResponse>('/api/v1/capabilities');
      if (caps.status !== 200) return caps as RawAnswer<T>;
      this.csrf = caps.body.csrfToken;
    }
    return this.send<T>('POST', path, body, { origin: this.server.url, 'x-meshwatch-csrf': this.csrf });
  }

  /** The sign-in page's request: same origin, the token in the body; keeps the session cookie. */
  signIn(token: string): Promise<RawAnswer> {
    return this.send('POST', '/api/v1/session', { token }, { origin: this.server.url });
  }

  signOut(): Promise<RawAnswer> {
    return this.send('DELETE', '/api/v1/session', undefined, { origin: this.server.url });
  }
}
