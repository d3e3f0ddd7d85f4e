import 'server-only';
// MESHWATCH_SNAPSHOT=dump.json: the dashboard on a kubectl dump instead of a live cluster. Read once at
// start; never talks to an API server, so it is read-only by construction (no clients) and never stale.
// The dump's time is the file's modification time: a kubectl List carries no timestamp of its own.
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { ContextInfo, Freshness } from '@/lib/api/dto';
import { MeshwatchError } from '@/lib/api/errors';
import type { ClusterSnapshot } from '@/lib/mesh/types';
import { AnalysisStore, sliceSourceOf } from './analysis';
import { DumpError, parseDump, type DumpRecords } from './dump';
import { assembleSnapshot, type ClusterSource } from './source';

type Env = Readonly<Record<string, string | undefined>>;

export interface LoadedDump {
  file: string;
  takenAt: string;
  records: DumpRecords;
}

/** Reads and parses a dump file; every failure is a DumpError naming the file. */
export function readDump(file: string): LoadedDump {
  let text: string;
  let takenAt: string;
  try {
    text = readFileSync(file, 'utf8');
    takenAt = statSync(file).mtime.toISOString();
  } catch (err) {
    const why = (err as NodeJS.ErrnoException).code ?? (err instanceof Error ? err.message : String(err));
    throw new DumpError(`Cannot read the dump ${file}: ${why}.`);
  }
  return { file, takenAt, records: parseDump(text, path.basename(file)) };
}

export class SnapshotSource implements ClusterSource {
  readonly context: ContextInfo;
  readonly clients = null;
  readonly dataVersion = 1;
  private readonly data: ClusterSnapshot | null;
  readonly analysis: AnalysisStore;
  private readonly error?: string;

  constructor(load: () => LoadedDump, file: string) {
    let data: ClusterSnapshot | null = null;
    let takenAt = '';
    try {
      const dump = load();
      data = assembleSnapshot(dump.records);
      takenAt = dump.takenAt;
    } catch (err) {
      this.error = err instanceof DumpError ? err.message : `Cannot load the dump ${file}: ${String(err)}`;
    }
    this.data = data;
    this.analysis = new AnalysisStore(sliceSourceOf(this.snapshot()));
    this.context = {
      name: `snapshot ${path.basename(file)}`,
      server: file,
      inCluster: false,
      snapshot: { file: path.basename(file), takenAt },
    };
  }

  freshness(): Freshness {
    const resource = this.error
      ? { name: 'snapshot', synced: false, healthy: false, lastError: this.error }
      : { name: 'snapshot', synced: true, healthy: true };
    return {
      synced: !this.error,
      stale: !!this.error,
      ageSeconds: this.error ? null : 0,
      lastEventAt: this.context.snapshot?.takenAt || null,
      resources: [resource],
    };
  }

  requireSynced(): void {
    if (this.error) throw new MeshwatchError('unavailable', this.error);
  }

  snapshot(): ClusterSnapshot {
    return this.data ?? { namespaces: [], workloads: [], pods: [], webhook: null, controlPlane: null };
  }

  hasNamespace(name: string): boolean {
    return this.analysis.part(name)?.snapshot.namespaces.some((n) => n.name === name) ?? false;
  }

  namespaceSnapshot(name: string): ClusterSnapshot {
    return (
      this.analysis.part(name)?.snapshot ?? { ...this.snapshot(), namespaces: [], workloads: [], pods: [] }
    );
  }

  /** A dump never changes: nothing to notify. */
  subscribe(): () => void {
    return () => undefined;
  }

  /** A dump never changes, so a stream holds no subscriber. */
  readonly subscriberCount = 0;

  start(): void {
    if (this.error)
      console.error(
        JSON.stringify({ level: 'error', msg: 'meshwatch snapshot unusable', error: this.error }),
      );
  }

  stop(): void {}
}

export function isSnapshotMode(env: Env = process.env): boolean {
  return !!env.MESHWATCH_SNAPSHOT?.trim();
}

export function snapshotSourceFromEnv(env: Env = process.env): SnapshotSource | null {
  const file = env.MESHWATCH_SNAPSHOT?.trim();
  if (!file) return null;
  const resolved = path.resolve(file);
  return new SnapshotSource(() => readDump(resolved), resolved);
}
