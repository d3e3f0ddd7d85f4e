// bench:cluster's load and its measuring: the SSE clients, the GETs (as a browser on another machine
// sends them), and the server process's RSS and CPU from /proc.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import type { MeshwatchServer } from '../testbed/tests/helpers/server';
import { env } from './bench-config';

export function serverPid(server: MeshwatchServer | null): number | null {
  if (env.BENCH_PID) return Number(env.BENCH_PID);
  if (!server) return null;
  // next start forks the server proper; the one listening on the port is the one we want.
  const r = spawnSync(
    'bash',
    ['-c', `ss -Hltnp 'sport = :${server.port}' | grep -o 'pid=[0-9]*' | head -1`],
    {
      encoding: 'utf8',
    },
  );
  const pid = Number(r.stdout.trim().replace('pid=', ''));
  return Number.isFinite(pid) && pid > 0 ? pid : null;
}

export function procStats(pid: number | null): { rssMiB: number; cpuSeconds: number } | null {
  if (!pid) return null;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const rss = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    const ticks = Number(stat[11]) + Number(stat[12]);
    return { rssMiB: rss, cpuSeconds: ticks / 100 };
  } catch {
    return null;
  }
}

export interface StreamClient {
  stop(): void;
  events: number;
  errors: number;
  /** Arrival times of change events naming a namespace, per namespace (for the change → event delay). */
  seen: Map<string, number[]>;
}

/** `timed`: record arrival times per namespace (one client does). The others only count change events,
 * on the raw bytes: the load generator shares the 2 cores with the server, and 49 streams decoding
 * every frame cost it more CPU than the server spends sending them. */
export function openStream(url: string, timed: boolean): StreamClient {
  const abort = new AbortController();
  const client: StreamClient = { stop: () => abort.abort(), events: 0, errors: 0, seen: new Map() };
  void (async () => {
    try {
      const res = await fetch(`${url}/api/v1/stream`, { signal: abort.signal });
      if (!res.ok || !res.body) throw new Error(`stream ${res.status}`);
      const reader = res.body.getReader();
      if (!timed) {
        let tail = Buffer.alloc(0);
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          const bytes = tail.length
            ? Buffer.concat([tail, value])
            : Buffer.from(value.buffer, value.byteOffset, value.byteLength);
          for (let at = bytes.indexOf(CHANGE_FRAME); at >= 0; at = bytes.indexOf(CHANGE_FRAME, at + 1))
            client.events++;
          // A frame name split across two chunks is counted once, with the next chunk.
          tail = Buffer.from(bytes.subarray(Math.max(0, bytes.length - CHANGE_FRAME.length + 1)));
        }
        return;
      }
      const decoder = new TextDecoder();
      let buf = '';
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        buf += decoder.decode(value, { stream: true });
        let i: number;
        while ((i = buf.indexOf('\n\n')) >= 0) {
          const frame = buf.slice(0, i);
          buf = buf.slice(i + 2);
          if (!frame.startsWith('event: change')) continue;
          client.events++;
          const data = frame.split('\ndata: ')[1];
          if (!data) continue;
          const now = performance.timeOrigin + performance.now();
          for (const ns of (JSON.parse(data) as { namespaces: string[] }).namespaces) {
            const times = client.seen.get(ns);
            if (times) times.push(now);
            else client.seen.set(ns, [now]);
          }
        }
      }
    } catch (err) {
      if (!abort.signal.aborted) client.errors++;
      void err;
    }
  })();
  return client;
}

const CHANGE_FRAME = Buffer.from('event: change\n');

/**
 * One GET, as a browser on another machine would send it (gzip accepted, keep-alive), read to its last
 * byte but not decompressed: inflating 10 MB/s of JSON is the client's work, and here the client shares
 * the server's 2 cores. Resolves with the status; rejects with a TimeoutError after `timeoutMs`.
 */
export function get(url: string, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const signal = AbortSignal.timeout(timeoutMs);
    const req = httpRequest(url, { agent, headers: { 'accept-encoding': 'gzip' }, signal }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', (err) => reject(signal.aborted ? signal.reason : err));
    });
    req.on('error', (err) => reject(signal.aborted ? signal.reason : err));
    req.end();
  });
}

const agent = new Agent({ keepAlive: true, maxSockets: 512 });
