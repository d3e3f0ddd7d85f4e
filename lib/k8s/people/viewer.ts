import 'server-only';
// Who a request acts as (MESHWATCH_AUTH). In `user` mode: the person whose credential the request
// carries (a trusted proxy's bearer token, or a sign-in session), identified by the API server, acting
// with their own token and seeing only the namespaces where they may list pods. In the shared modes:
// meshwatch's own identity, which sees everything its informers see.
import { authMode, requestCredential, unauthenticated, type AuthMode } from '@/lib/api/auth';
import { clientIdentity, type ClientIdentity, type PersonInfo } from '@/lib/api/client-identity';
import { isMeshwatchError, MeshwatchError } from '@/lib/api/errors';
import type { Clients } from '../config';
import { CREDENTIAL_REFUSED } from '../errors';
import type { ClusterSource } from '../source';
import { clientsOf, clusterAnalysis, namespaceNotFound } from '../source-analysis';
import { AccessReviews, personReviews, WORKLOAD_RESOURCE } from './access-reviews';
import { endSessionById, openSession } from './sessions';
import { forget, identify, reviewSelf } from './who';

export interface Viewer {
  mode: AuthMode;
  /** How the identity reached meshwatch: a sign-in session, a trusted proxy's header, or the process's own. */
  via: 'session' | 'proxy' | 'process';
  /** Who the API server says it is; undefined when the shared identity could not be asked. */
  person?: PersonInfo;
  /** For audit lines, Events and the activity page: the client address, proxy note and person. */
  identity: ClientIdentity;
  /** The clients that act (mutations, dry runs): the person's own in `user` mode. */
  clients(): Clients;
  /** The person's access reviews; undefined for the shared identity (it sees all its informers see). */
  reviews?: AccessReviews;
  /** Converts a failure of the person's own call: a refused token means "sign in again". */
  translate(err: unknown): unknown;
}

/** What an unauthenticated visitor is told; the note says why a header they sent did not count. */
function signIn(note?: string): MeshwatchError {
  return unauthenticated(
    note
      ? `Sign in: ${note}`
      : 'Sign in: this meshwatch acts with your own Kubernetes identity (MESHWATCH_AUTH=user). Open / to sign in with a token, or reach it through the authenticating proxy.',
  );
}

interface ProcessIdentity {
  person?: PersonInfo;
  askedAt: number;
}
const PROCESS_KEY = Symbol.for('meshwatch.process-identity');

/** The shared identity's name, asked once (then every 10 minutes) and never on the hot path twice. */
async function processPerson(cache: ClusterSource, now = Date.now()): Promise<PersonInfo | undefined> {
  const holder = globalThis as Record<symbol, ProcessIdentity | undefined>;
  const held = holder[PROCESS_KEY];
  if (held && now - held.askedAt < 600_000) return held.person;
  const entry: ProcessIdentity = { askedAt: now, ...(held?.person ? { person: held.person } : {}) };
  holder[PROCESS_KEY] = entry;
  if (cache.clients) {
    try {
      entry.person = await reviewSelf(cache.clients);
    } catch {
      // An old API server or no connection: the header then names the context, not the user.
    }
  }
  return entry.person;
}

function sharedViewer(request: Request, cache: ClusterSource, mode: AuthMode, person?: PersonInfo): Viewer {
  const base = clientIdentity(request);
  return {
    mode,
    via: 'process',
    ...(person ? { person } : {}),
    identity: person ? { ...base, person } : base,
    clients: () => clientsOf(cache),
    translate: (err) => err,
  };
}

function personViewer(
  request: Request,
  via: 'session' | 'proxy',
  who: { person: PersonInfo; key: string; clients: Clients },
  onRefused: () => void,
): Viewer {
  return {
    mode: 'user',
    via,
    person: who.person,
    identity: { ...clientIdentity(request), person: who.person },
    clients: () => who.clients,
    reviews: personReviews(who.key, who.clients),
    translate: (err) => {
      if (isMeshwatchError(err) && err.reason === CREDENTIAL_REFUSED) {
        onRefused();
        return unauthenticated(
          'The API server no longer accepts your credential (expired or revoked): sign in again.',
        );
      }
      return err;
    },
  };
}

export async function resolveViewer(request: Request, cache: ClusterSource): Promise<Viewer> {
  const mode = authMode();
  // A dump has no API server to ask who anyone is: whoever holds the file sees all of it.
  if (mode !== 'user' || cache.context.snapshot) {
    return sharedViewer(
      request,
      cache,
      mode,
      cache.context.snapshot ? undefined : await processPerson(cache),
    );
  }
  const credential = requestCredential(request);
  if (credential.kind === 'none') throw signIn(credential.note);
  if (credential.kind === 'bearer') {
    const who = await identify(credential.token);
    return personViewer(request, 'proxy', who, () => forget(who.key));
  }
  const session = await openSession(credential.sealed);
  if (!session) throw signIn('your session has ended (signed out, idle too long, or meshwatch restarted).');
  try {
    const who = await identify(session.token);
    return personViewer(request, 'session', who, () => endSessionById(session.id));
  } catch (err) {
    if (isMeshwatchError(err) && err.code === 'unauthenticated') endSessionById(session.id);
    throw err;
  }
}

/** A namespace the viewer may not list pods in does not exist for them: 404, never 403. */
export async function requireVisible(viewer: Viewer, namespace: string): Promise<void> {
  if (!viewer.reviews) return;
  if (!(await viewer.reviews.canSee(namespace))) throw namespaceNotFound(namespace);
}

/** The analysed namespaces the viewer sees: 'all' for the shared identity or a cluster-wide viewer. */
export async function visibleNamespaces(
  viewer: Viewer,
  cache: ClusterSource,
): Promise<ReadonlySet<string> | 'all'> {
  if (!viewer.reviews) return 'all';
  return viewer.reviews.visible(clusterAnalysis(cache).namespaces.map((n) => n.name));
}

/** Keeps the rows of namespaces the viewer sees. */
export function seen<T extends { namespace: string }>(rows: T[], visible: ReadonlySet<string> | 'all'): T[] {
  return visible === 'all' ? rows : rows.filter((row) => visible.has(row.namespace));
}

/**
 * Before a person's change (dry runs too): may they `patch` this object? A refusal names them and the
 * verb ("alice may not patch deployments in payments") before anything is read or sent; the API server
 * still decides the change itself. The shared identity is not asked (the action answers as before).
 */
export async function requirePatch(
  viewer: Viewer,
  target: { kind: string; namespace: string; name: string },
): Promise<void> {
  if (!viewer.reviews) return;
  const what = WORKLOAD_RESOURCE[target.kind];
  if (!what) return;
  const answer = await viewer.reviews.may({
    verb: 'patch',
    ...what,
    namespace: target.namespace,
    name: target.name,
  });
  if (answer.allowed) return;
  const object =
    target.kind === 'Namespace' ? `namespace ${target.name}` : `${what.resource} in ${target.namespace}`;
  throw new MeshwatchError(
    'forbidden',
    `${viewer.person?.username ?? 'You'} may not patch ${object}${answer.reason ? `: ${answer.reason}` : ' (Kubernetes RBAC)'}.`,
  );
}
