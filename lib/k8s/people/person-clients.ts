import 'server-only';
// One set of typed clients per person: the cluster meshwatch watches (same server, same CA), with the
// person's bearer token as the only credential. Kept by a hash of the token, never the token itself,
// for as long as it is used, and dropped when its session ends.
import { createHash } from 'node:crypto';
import { KubeConfig } from '@kubernetes/client-node';
import { MeshwatchError } from '@/lib/api/errors';
import { loadKubeContext, makeClients, type Clients } from '../config';

/** A token's name in every map and log: the first 128 bits of its SHA-256, never the token. */
export function tokenKey(token: string): string {
  return createHash('sha256').update(token).digest('hex').slice(0, 32);
}

interface Held {
  clients: Clients;
  usedAt: number;
}

interface Store {
  base?: KubeConfig;
  byKey: Map<string, Held>;
}
const KEY = Symbol.for('meshwatch.person-clients');
/** Clients for this many tokens at most (each is a few objects; the oldest unused go first). */
const MAX_HELD = 2_000;

function store(): Store {
  return ((globalThis as Record<symbol, Store | undefined>)[KEY] ??= { byKey: new Map() });
}

function baseConfig(): KubeConfig {
  const s = store();
  return (s.base ??= loadKubeContext().config);
}

export function personClients(token: string): Clients {
  const s = store();
  const key = tokenKey(token);
  const held = s.byKey.get(key);
  if (held) {
    held.usedAt = Date.now();
    return held.clients;
  }
  const cluster = baseConfig().getCurrentCluster();
  if (!cluster) throw new MeshwatchError('unavailable', 'meshwatch has no cluster connection.');
  const config = new KubeConfig();
  config.loadFromOptions({
    clusters: [cluster],
    users: [{ name: 'person', token }],
    contexts: [{ name: 'person', cluster: cluster.name, user: 'person' }],
    currentContext: 'person',
  });
  const clients = makeClients(config);
  if (s.byKey.size >= MAX_HELD) {
    const oldest = [...s.byKey.entries()].sort((a, b) => a[1].usedAt - b[1].usedAt)[0];
    if (oldest) s.byKey.delete(oldest[0]);
  }
  s.byKey.set(key, { clients, usedAt: Date.now() });
  return clients;
}

/** Forget a token's clients (its session ended, or the API server refused it). */
export function dropPersonClients(key: string): void {
  store().byKey.delete(key);
}
