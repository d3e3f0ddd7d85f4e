// Who made a request, for the audit trail. The socket's peer address is the only fact a client cannot
// forge: instrumentation.ts copies it into PEER_HEADER before Next sees the request (overwriting
// whatever the client sent). X-Forwarded-For and an authenticating proxy's user header are believed
// only when the peer is a proxy the operator listed in MESHWATCH_TRUSTED_PROXIES, and only hop by hop
// from the right, as far as the hops are trusted proxies themselves (the usual "trusted proxy" walk).
import { BlockList, isIP } from 'node:net';

type Env = Readonly<Record<string, string | undefined>>;

export const PEER_HEADER = 'x-meshwatch-peer';

export interface ClientIdentity {
  /** The client as far as trusted proxies vouch for it; the peer when there are none. */
  client: string;
  /** The socket's remote address. */
  peer: string;
  /** From MESHWATCH_AUTH_PROXY_USER_HEADER, when a trusted proxy sent it: a note, never an identity. */
  user?: string;
  /** Who the API server says the person is (SelfSubjectReview), when the request acts as them. */
  person?: PersonInfo;
}

/** A Kubernetes identity as SelfSubjectReview reports it. */
export interface PersonInfo {
  username: string;
  groups: string[];
}

/** `::ffff:10.0.0.1` → `10.0.0.1`; anything that is not an IP address → undefined. */
export function normalizeAddress(raw: string | null | undefined): string | undefined {
  const address = (raw ?? '').trim().replace(/^\[(.*)\]$/, '$1');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  const ip = mapped ?? address;
  return isIP(ip) ? ip.toLowerCase() : undefined;
}

/** MESHWATCH_TRUSTED_PROXIES: comma-separated addresses or CIDR ranges (IPv4 or IPv6). */
export function trustedProxies(env: Env = process.env): BlockList {
  const list = new BlockList();
  for (const entry of (env.MESHWATCH_TRUSTED_PROXIES ?? '').split(',')) {
    const [address, prefix] = entry.trim().split('/');
    const ip = normalizeAddress(address);
    if (!ip) continue;
    const family = isIP(ip) === 6 ? 'ipv6' : 'ipv4';
    const bits = prefix === undefined ? (family === 'ipv6' ? 128 : 32) : Number(prefix);
    if (Number.isInteger(bits) && bits >= 0 && bits <= (family === 'ipv6' ? 128 : 32))
      list.addSubnet(ip, bits, family);
  }
  return list;
}

function isTrusted(list: BlockList, ip: string): boolean {
  return list.check(ip, isIP(ip) === 6 ? 'ipv6' : 'ipv4');
}

/** Whether the socket peer itself is one of MESHWATCH_TRUSTED_PROXIES. */
export function isTrustedPeer(request: Request, env: Env = process.env): boolean {
  const peer = normalizeAddress(request.headers.get(PEER_HEADER));
  return peer !== undefined && isTrusted(trustedProxies(env), peer);
}

/** A header value fit for a log line and the activity page: printable, short. */
function cleanUser(value: string | null): string | undefined {
  const text = (value ?? '').replace(/[^\x20-\x7e]/g, '').trim();
  return text ? text.slice(0, 128) : undefined;
}

export function clientIdentity(request: Request, env: Env = process.env): ClientIdentity {
  const peer = normalizeAddress(request.headers.get(PEER_HEADER)) ?? 'unknown';
  const list = trustedProxies(env);
  if (peer === 'unknown' || !isTrusted(list, peer)) return { client: peer, peer };
  const hops = (request.headers.get('x-forwarded-for') ?? '').split(',').map((h) => h.trim());
  let client = peer;
  for (let i = hops.length - 1; i >= 0 && isTrusted(list, client); i--) {
    const hop = normalizeAddress(hops[i]);
    if (!hop) break; // a garbled hop ends what we can believe
    client = hop;
  }
  const header = env.MESHWATCH_AUTH_PROXY_USER_HEADER?.trim().toLowerCase();
  const user = header ? cleanUser(request.headers.get(header)) : undefined;
  return user ? { client, peer, user } : { client, peer };
}
