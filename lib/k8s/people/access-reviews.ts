import 'server-only';
// "May this identity do X?", asked of the API server with a SelfSubjectAccessReview sent with that
// identity's own credential (no permission needed for it), and kept per identity for at most
// MESHWATCH_ACCESS_CACHE_SECONDS (60 s at most): a page view costs no review once its answers are held.
// The shared identity (kubeconfig / serviceaccount modes) keeps none: its answers are asked each time.
import { callOptions, type Clients } from '../config';
import { kubeCall } from '../errors';

type Env = Readonly<Record<string, string | undefined>>;

export interface AccessQuestion {
  verb: string;
  group: string;
  resource: string;
  /** Unset: at cluster scope (every namespace). */
  namespace?: string;
  name?: string;
}

export interface AccessAnswer {
  allowed: boolean;
  /** The authorizer's words, when it gave any. */
  reason?: string;
}

/** The resource a workload kind's changes patch, for access reviews. */
export const WORKLOAD_RESOURCE: Record<string, { group: string; resource: string }> = {
  Deployment: { group: 'apps', resource: 'deployments' },
  StatefulSet: { group: 'apps', resource: 'statefulsets' },
  DaemonSet: { group: 'apps', resource: 'daemonsets' },
  CronJob: { group: 'batch', resource: 'cronjobs' },
  Namespace: { group: '', resource: 'namespaces' },
};

export function accessCacheMs(env: Env = process.env): number {
  const seconds = Number(env.MESHWATCH_ACCESS_CACHE_SECONDS);
  return Math.min(60, Number.isFinite(seconds) && seconds >= 0 ? seconds : 60) * 1000;
}

/** Reviews at most this many namespaces at once (a person limited to a few of 5,000 namespaces). */
const CONCURRENCY = 16;
/** Reviews in flight for the whole process: fifty people arriving at once must not flood the API server. */
const IN_FLIGHT = 32;
/**
 * Past this share of its time, an answer still in use is asked again in the background: an active
 * person's page never waits on a re-review, and no answer is older than the cache time.
 */
const REFRESH_AHEAD = 2 / 3;

interface Held {
  answer: Promise<AccessAnswer>;
  /** When the question was asked (the answer is at least this fresh). */
  at: number;
  refreshing?: boolean;
}

export class AccessReviews {
  private readonly held = new Map<string, Held>();
  /** Reviews sent to the API server (the per-person filter's cost: README, closing note). */
  sent = 0;

  constructor(
    private readonly clients: Clients,
    private readonly ttlMs: number,
  ) {}

  may(q: AccessQuestion, now = Date.now()): Promise<AccessAnswer> {
    const key = `${q.verb} ${q.group} ${q.resource} ${q.namespace ?? '*'} ${q.name ?? '*'}`;
    const held = this.held.get(key);
    if (held && now - held.at < this.ttlMs) {
      if (now - held.at >= this.ttlMs * REFRESH_AHEAD && !held.refreshing) {
        held.refreshing = true;
        const fresh = this.ask(q);
        fresh.then(
          () => this.held.set(key, { answer: fresh, at: now }),
          () => (held.refreshing = false),
        );
      }
      return held.answer;
    }
    const answer = this.ask(q);
    if (this.ttlMs > 0) {
      this.held.set(key, { answer, at: now });
      // A failed review (API server away) is not an answer to keep.
      answer.catch(() => this.held.delete(key));
    }
    return answer;
  }

  private async ask(q: AccessQuestion): Promise<AccessAnswer> {
    this.sent++;
    store().sent++;
    const review = await inTurn(() =>
      this.clients.authorization.createSelfSubjectAccessReview(
        {
          body: {
            apiVersion: 'authorization.k8s.io/v1',
            kind: 'SelfSubjectAccessReview',
            spec: { resourceAttributes: { ...q } },
          },
        },
        callOptions({ timeoutMs: 5_000 }),
      ),
    );
    const reason = review.status?.reason?.trim() || review.status?.evaluationError?.trim();
    return { allowed: review.status?.allowed === true, ...(reason ? { reason } : {}) };
  }

  /** Whether `list pods` is allowed at cluster scope: one review covers a cluster-wide viewer. */
  async seesAll(): Promise<boolean> {
    return (await this.may({ verb: 'list', group: '', resource: 'pods' })).allowed;
  }

  /** The namespaces of `names` in which the identity may list pods ('all' when it may everywhere). */
  async visible(names: readonly string[]): Promise<ReadonlySet<string> | 'all'> {
    if (await this.seesAll()) return 'all';
    const out = new Set<string>();
    for (let i = 0; i < names.length; i += CONCURRENCY) {
      const batch = names.slice(i, i + CONCURRENCY);
      const answers = await Promise.all(
        batch.map((namespace) => this.may({ verb: 'list', group: '', resource: 'pods', namespace })),
      );
      answers.forEach((a, j) => a.allowed && out.add(batch[j]!));
    }
    return out;
  }

  async canSee(namespace: string): Promise<boolean> {
    if (await this.seesAll()) return true;
    return (await this.may({ verb: 'list', group: '', resource: 'pods', namespace })).allowed;
  }
}

interface Store {
  byKey: Map<string, { reviews: AccessReviews; usedAt: number }>;
  /** Every review sent since start, the shared identity's included. */
  sent: number;
  inFlight: number;
  waiting: (() => void)[];
}
const KEY = Symbol.for('meshwatch.access-reviews');
function store(): Store {
  return ((globalThis as Record<symbol, Store | undefined>)[KEY] ??= {
    byKey: new Map(),
    sent: 0,
    inFlight: 0,
    waiting: [],
  });
}

/** Runs one review when fewer than IN_FLIGHT are under way (first come, first served). */
async function inTurn<T>(review: () => Promise<T>): Promise<T> {
  const s = store();
  if (s.inFlight >= IN_FLIGHT) await new Promise<void>((resolve) => s.waiting.push(resolve));
  s.inFlight++;
  try {
    return await kubeCall(review);
  } finally {
    s.inFlight--;
    s.waiting.shift()?.();
  }
}

/** One person's reviews (by token hash), made with their clients. */
export function personReviews(key: string, clients: Clients, now = Date.now()): AccessReviews {
  const s = store();
  let held = s.byKey.get(key);
  if (!held) s.byKey.set(key, (held = { reviews: new AccessReviews(clients, accessCacheMs()), usedAt: now }));
  held.usedAt = now;
  // Idle people's answers go after ten minutes: a few maps, but a long-running server meets many.
  if (s.byKey.size > 100) for (const [k, v] of s.byKey) if (now - v.usedAt > 600_000) s.byKey.delete(k);
  return held.reviews;
}

export function dropPersonReviews(key: string): void {
  store().byKey.delete(key);
}

/** Access reviews sent since start (diagnostics, the bench). */
export function reviewsSent(): number {
  return store().sent;
}
