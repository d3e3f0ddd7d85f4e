import 'server-only';
// One resilient list+watch per resource, keeping slim records only. client-node's ListWatch keeps whole
// objects and STOPS on any error but 410; this loop never stops until asked: it re-lists on 410 (and after
// any error, with capped exponential backoff), resumes after the watch's own inactivity timeout, and
// reports synced / healthy / lastError for freshness. A watchdog in the cache can `kick()` a silent one.
import { Watch, type KubeConfig } from '@kubernetes/client-node';
import { describeError } from './errors';
import { UidStore, type DeltaKey, type DeltaType } from './uid-store';

export interface KubeObject {
  metadata?: { name?: string; namespace?: string; resourceVersion?: string; uid?: string };
}

export interface ListPage<T> {
  items: T[];
  metadata?: { resourceVersion?: string; _continue?: string };
}

/** How a change maps onto namespaces: its own namespace, the object's name (Namespaces), or everything. */
export type ChangeScope = 'namespaced' | 'namespace-object' | 'cluster';

export interface ResourceSpec<T extends KubeObject, R> {
  name: string;
  /** Watch path, e.g. `/apis/apps/v1/deployments`. */
  path: string;
  fieldSelector?: string;
  scope: ChangeScope;
  list(page: { limit: number; _continue?: string; fieldSelector?: string }): Promise<ListPage<T>>;
  /** null: not interesting (dropped, and removed if previously kept). */
  toRecord(obj: T): R | null;
}

export interface InformerStatus {
  name: string;
  synced: boolean;
  healthy: boolean;
  lastError?: string;
  lastHeardAt: number | null;
  lastEventAt: number | null;
}

export interface InformerListener {
  /** Namespaces whose data changed; '*' for a cluster-wide change. */
  changed(namespaces: Set<string>): void;
  health(): void;
}

const PAGE_SIZE = 500;
const BASE_BACKOFF_MS = 500;
const MAX_BACKOFF_MS = 10_000;

class GoneError extends Error {
  override readonly name = 'GoneError';
}

/** An ERROR event other than 410 inside a watch stream. */
class WatchError extends Error {
  override readonly name = 'WatchError';
}

function isGone(err: unknown): boolean {
  if (err instanceof GoneError) return true;
  const e = err as { code?: unknown; statusCode?: unknown } | null;
  return e?.code === 410 || e?.statusCode === 410;
}

export function backoffMs(failures: number, random: () => number = Math.random): number {
  const base = Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** Math.max(0, failures - 1));
  return Math.round(base * (0.8 + 0.4 * random()));
}

export class ResourceInformer<T extends KubeObject, R> {
  private store = new UidStore<R>();
  private resourceVersion = '';
  private running = false;
  private stopped = false;
  private kicked = false;
  private failures = 0;
  private watchAbort?: AbortController;
  private wake?: () => void;
  private state: Omit<InformerStatus, 'name'> = {
    synced: false,
    healthy: false,
    lastHeardAt: null,
    lastEventAt: null,
  };

  constructor(
    private readonly spec: ResourceSpec<T, R>,
    private readonly config: KubeConfig,
    private readonly listener: InformerListener,
  ) {}

  get name(): string {
    return this.spec.name;
  }

  status(): InformerStatus {
    return { name: this.spec.name, ...this.state };
  }

  records(): IterableIterator<R> {
    return this.store.values();
  }

  /** The records of one namespace ('*' for cluster-scoped kinds; a Namespace's own name for Namespaces). */
  inNamespace(namespace: string): Iterable<R> {
    return this.store.inNamespace(namespace);
  }

  /** Namespaces holding at least one record. */
  namespaces(): IterableIterator<string> {
    return this.store.namespaces();
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.stopped = false;
    void this.loop().finally(() => {
      this.running = false;
    });
  }

  /** Stops for good; the AbortError our own abort produces is expected and ignored. */
  stop(): void {
    this.stopped = true;
    this.watchAbort?.abort();
    this.wake?.();
  }

  /** Drops the current watch and re-lists (watchdog). */
  kick(): void {
    if (!this.watchAbort) return;
    this.kicked = true;
    this.watchAbort?.abort();
    this.wake?.();
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      try {
        if (!this.resourceVersion) await this.relist();
        const started = Date.now();
        await this.watchOnce();
        // A watch the server closes at once must not spin.
        if (Date.now() - started < 1000) await this.sleep(1000);
      } catch (err) {
        if (this.stopped) return;
        if (this.kicked || isGone(err)) {
          this.kicked = false;
          this.resourceVersion = '';
          continue;
        }
        // client-node's own inactivity timeout: resume from where we were.
        if (err instanceof Error && err.name === 'TimeoutError') continue;
        this.failures++;
        this.resourceVersion = '';
        this.update({ healthy: false, lastError: describeError(err) });
        await this.sleep(backoffMs(this.failures));
      }
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => done(), ms);
      const done = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
      this.wake = done;
    });
  }

  private async relist(): Promise<void> {
    const fresh: { key: DeltaKey; record: R | null }[] = [];
    let cont: string | undefined;
    let rv = '';
    do {
      const page = await this.spec.list({
        limit: PAGE_SIZE,
        _continue: cont,
        fieldSelector: this.spec.fieldSelector,
      });
      for (const obj of page.items) fresh.push({ key: this.keyOf(obj), record: this.spec.toRecord(obj) });
      cont = page.metadata?._continue || undefined;
      rv = page.metadata?.resourceVersion ?? rv;
    } while (cont && !this.stopped);

    const changed = this.store.replace(fresh);
    this.resourceVersion = rv;
    this.failures = 0;
    this.state.lastEventAt = Date.now();
    this.update({ synced: true, healthy: true });
    if (changed.size > 0) this.listener.changed(changed);
  }

  private namespaceOf(obj: KubeObject): string {
    if (this.spec.scope === 'cluster') return '*';
    if (this.spec.scope === 'namespace-object') return obj.metadata?.name ?? '';
    return obj.metadata?.namespace ?? '';
  }

  /** uid first (a same-named successor is another object); namespace/name only if the server sent none. */
  private keyOf(obj: KubeObject): DeltaKey {
    const m = obj.metadata;
    return {
      uid: m?.uid || `${m?.namespace ?? ''}/${m?.name ?? ''}`,
      namespace: this.namespaceOf(obj),
      resourceVersion: m?.resourceVersion ?? '',
    };
  }

  private watchOnce(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      let settled = false;
      let failure: Error | undefined;
      const done = (err: unknown) => {
        if (settled) return;
        settled = true;
        this.watchAbort = undefined;
        if (err) reject(err);
        else if (failure) reject(failure);
        else resolve();
      };
      const onEvent = (type: string, obj: unknown) => {
        if (type === 'ERROR') {
          const status = obj as { code?: number; message?: string };
          failure =
            status.code === 410
              ? new GoneError('resource version too old')
              : new WatchError(status.message ?? `code ${status.code}`);
          return;
        }
        this.onWatchEvent(type, obj as T);
      };
      const query = {
        resourceVersion: this.resourceVersion,
        allowWatchBookmarks: true,
        fieldSelector: this.spec.fieldSelector,
      };
      new Watch(this.config)
        .watch(this.spec.path, query, onEvent, done)
        .then((controller) => {
          if (settled) return;
          this.watchAbort = controller;
          this.update({ healthy: true });
        })
        .catch(done);
    });
  }

  private onWatchEvent(type: string, obj: T): void {
    const rv = obj.metadata?.resourceVersion;
    if (rv) this.resourceVersion = rv;
    const now = Date.now();
    this.state.lastHeardAt = now;
    if (type === 'BOOKMARK') return;
    this.state.lastEventAt = now;
    if (type !== 'ADDED' && type !== 'MODIFIED' && type !== 'DELETED') return;
    const record = type === 'DELETED' ? null : this.spec.toRecord(obj);
    const touched = this.store.apply(type as DeltaType, this.keyOf(obj), record);
    if (touched.length > 0) this.listener.changed(new Set(touched));
  }

  /** Healthy clears lastError and counts as hearing from the API server; a flip notifies the cache. */
  private update(next: { synced?: boolean; healthy: boolean; lastError?: string }): void {
    const before = `${this.state.synced}|${this.state.healthy}|${this.state.lastError ?? ''}`;
    if (next.synced !== undefined) this.state.synced = next.synced;
    this.state.healthy = next.healthy;
    if (next.healthy) {
      delete this.state.lastError;
      this.state.lastHeardAt = Date.now();
    } else if (next.lastError) {
      this.state.lastError = next.lastError;
    }
    if (before !== `${this.state.synced}|${this.state.healthy}|${this.state.lastError ?? ''}`)
      this.listener.health();
  }
}
