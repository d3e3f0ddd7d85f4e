// Records keyed by uid, with watch deltas applied in resourceVersion order and an index per namespace.
// Pure (no I/O): the informer feeds it list pages and watch events. resourceVersions are opaque to
// clients, but the API server's are etcd revisions (decimal integers that only grow): an event older than
// what we hold (a late MODIFIED after a relist) is ignored; anything not numeric is applied as it comes.

export type DeltaType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface DeltaKey {
  uid: string;
  namespace: string;
  resourceVersion: string;
}

interface Entry<R> {
  rv: string;
  namespace: string;
  record: R;
}

const DIGITS = /^\d+$/;

/** True when `incoming` is known to be older than `current` (both decimal integers). */
export function isOlderVersion(incoming: string, current: string): boolean {
  if (!DIGITS.test(incoming) || !DIGITS.test(current)) return false;
  return incoming.length !== current.length ? incoming.length < current.length : incoming < current;
}

export class UidStore<R> {
  private byUid = new Map<string, Entry<R>>();
  private byNamespace = new Map<string, Map<string, R>>();

  get size(): number {
    return this.byUid.size;
  }

  values(): IterableIterator<R> {
    return Array.from(this.byUid.values(), (e) => e.record).values();
  }

  /** The records of one namespace: a map lookup, no scan. */
  inNamespace(namespace: string): Iterable<R> {
    return this.byNamespace.get(namespace)?.values() ?? [];
  }

  namespaces(): IterableIterator<string> {
    return this.byNamespace.keys();
  }

  /**
   * Applies one watch event; `record` null means "not interesting" (dropped, removed if held).
   * Returns the namespaces it changed (none when ignored or a no-op).
   */
  apply(type: DeltaType, key: DeltaKey, record: R | null): string[] {
    const held = this.byUid.get(key.uid);
    if (held && isOlderVersion(key.resourceVersion, held.rv)) return [];
    if (type === 'DELETED' || record === null) return held ? [this.remove(key.uid, held)] : [];
    if (held && held.rv === key.resourceVersion && key.resourceVersion) return [];
    const touched = held && held.namespace !== key.namespace ? [this.remove(key.uid, held)] : [];
    this.set(key, record);
    touched.push(key.namespace);
    return touched;
  }

  /** Replaces everything with a fresh list; returns the namespaces whose records differ. */
  replace(items: Iterable<{ key: DeltaKey; record: R | null }>): Set<string> {
    const before = this.byUid;
    this.byUid = new Map();
    this.byNamespace = new Map();
    const changed = new Set<string>();
    for (const { key, record } of items) {
      if (record === null) continue;
      this.set(key, record);
      const old = before.get(key.uid);
      if (!old || old.rv !== key.resourceVersion || old.namespace !== key.namespace)
        changed.add(key.namespace);
    }
    for (const [uid, old] of before) if (!this.byUid.has(uid)) changed.add(old.namespace);
    return changed;
  }

  private set(key: DeltaKey, record: R): void {
    this.byUid.set(key.uid, { rv: key.resourceVersion, namespace: key.namespace, record });
    let bucket = this.byNamespace.get(key.namespace);
    if (!bucket) this.byNamespace.set(key.namespace, (bucket = new Map()));
    bucket.set(key.uid, record);
  }

  private remove(uid: string, entry: Entry<R>): string {
    this.byUid.delete(uid);
    const bucket = this.byNamespace.get(entry.namespace);
    bucket?.delete(uid);
    if (bucket?.size === 0) this.byNamespace.delete(entry.namespace);
    return entry.namespace;
  }
}
