import 'server-only';
// Who a credential belongs to, asked of the API server itself (SelfSubjectReview,
// authentication.k8s.io/v1: every authenticated identity may ask it about itself). A token's answer is
// trusted for MESHWATCH_AUTH_RECHECK_SECONDS, then asked again, so a revoked token (its ServiceAccount
// deleted, its OIDC session ended) stops working within that time.
import type { PersonInfo } from '@/lib/api/client-identity';
import { unauthenticated } from '@/lib/api/auth';
import { isMeshwatchError } from '@/lib/api/errors';
import { callOptions, type Clients } from '../config';
import { CREDENTIAL_REFUSED, kubeCall } from '../errors';
import { dropPersonReviews } from './access-reviews';
import { dropPersonClients, personClients, tokenKey } from './person-clients';

type Env = Readonly<Record<string, string | undefined>>;

export function recheckMs(env: Env = process.env): number {
  const seconds = Number(env.MESHWATCH_AUTH_RECHECK_SECONDS);
  return (Number.isFinite(seconds) && seconds >= 0 ? seconds : 30) * 1000;
}

/** SelfSubjectReview with these clients' credential; a refused credential is `unauthenticated`. */
export async function reviewSelf(clients: Clients): Promise<PersonInfo> {
  try {
    const review = await kubeCall(() =>
      clients.authentication.createSelfSubjectReview(
        { body: { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' } },
        callOptions({ timeoutMs: 5_000 }),
      ),
    );
    const info = review.status?.userInfo;
    if (!info?.username) throw unauthenticated('The API server did not say who this credential belongs to.');
    return { username: info.username, groups: info.groups ?? [] };
  } catch (err) {
    if (isMeshwatchError(err) && err.reason === CREDENTIAL_REFUSED)
      throw unauthenticated(
        'The API server did not accept this credential (expired or revoked): sign in again.',
      );
    throw err;
  }
}

interface Known {
  person: PersonInfo;
  checkedAt: number;
}
const KEY = Symbol.for('meshwatch.people-known');
function known(): Map<string, Known> {
  return ((globalThis as Record<symbol, Map<string, Known> | undefined>)[KEY] ??= new Map());
}

export interface Identified {
  person: PersonInfo;
  key: string;
  clients: Clients;
}

/** The person a token belongs to (cached per token hash for the recheck time). */
export async function identify(token: string, now = Date.now()): Promise<Identified> {
  const key = tokenKey(token);
  const clients = personClients(token);
  const held = known().get(key);
  if (held && now - held.checkedAt < recheckMs()) return { person: held.person, key, clients };
  try {
    const person = await reviewSelf(clients);
    known().set(key, { person, checkedAt: now });
    return { person, key, clients };
  } catch (err) {
    if (isMeshwatchError(err) && err.code === 'unauthenticated') forget(key);
    throw err;
  }
}

/** Drop everything held for a token: its identity and its clients. */
export function forget(key: string): void {
  known().delete(key);
  dropPersonClients(key);
  dropPersonReviews(key);
}
