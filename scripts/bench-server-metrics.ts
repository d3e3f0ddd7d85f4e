// What the server says about its own work during a bench phase, read from its /metrics: event-loop delay
// (prom-client resets that histogram on every scrape, so a scrape at the start of a phase and one at its
// end give the phase's own figures), GC time, and meshwatch's change batches and body builds (sums and
// counts, differenced between the two scrapes). Tells a slow request apart: queued behind our work,
// behind GC, or behind a machine with no core free.

export type Scrape = Map<string, number>;

/** `name{labels} value` lines, keyed by name and labels as written. */
export function parseScrape(text: string): Scrape {
  const values: Scrape = new Map();
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const at = line.lastIndexOf(' ');
    const value = Number(line.slice(at + 1));
    if (Number.isFinite(value)) values.set(line.slice(0, at), value);
  }
  return values;
}

export async function scrape(url: string): Promise<Scrape | null> {
  try {
    const res = await fetch(`${url}/metrics`, { signal: AbortSignal.timeout(10_000) });
    return res.ok ? parseScrape(await res.text()) : null;
  } catch {
    return null;
  }
}

const sumOf = (s: Scrape, prefix: string) => {
  let total = 0;
  for (const [key, value] of s) if (key.startsWith(prefix)) total += value;
  return total;
};

export interface ServerWork {
  loopP99Ms: number;
  loopMaxMs: number;
  gcSeconds: number;
  batches: number;
  batchMeanMs: number;
  batchSeconds: number;
  namespacesAnalysed: number;
  builds: { response: string; count: number; meanMs: number; seconds: number }[];
  /** At the end of the phase. */
  heapUsedMiB: number;
  heapTotalMiB: number;
  externalMiB: number;
}

/** The phase's figures from the scrape at its start and the one at its end. */
export function serverWork(before: Scrape, after: Scrape): ServerWork {
  const delta = (key: string) => (after.get(key) ?? 0) - (before.get(key) ?? 0);
  const deltaSum = (prefix: string) => sumOf(after, prefix) - sumOf(before, prefix);
  const batches = delta('meshwatch_change_batch_seconds_count');
  const batchSeconds = delta('meshwatch_change_batch_seconds_sum');
  const builds = ['overview', 'namespace'].map((response) => {
    const count = delta(`meshwatch_response_build_seconds_count{response="${response}"}`);
    const seconds = delta(`meshwatch_response_build_seconds_sum{response="${response}"}`);
    return { response, count, seconds, meanMs: count ? (seconds / count) * 1000 : 0 };
  });
  return {
    loopP99Ms: (after.get('nodejs_eventloop_lag_p99_seconds') ?? NaN) * 1000,
    loopMaxMs: (after.get('nodejs_eventloop_lag_max_seconds') ?? NaN) * 1000,
    gcSeconds: deltaSum('nodejs_gc_duration_seconds_sum'),
    batches,
    batchSeconds,
    batchMeanMs: batches ? (batchSeconds / batches) * 1000 : 0,
    namespacesAnalysed: delta('meshwatch_namespaces_analysed_total'),
    builds,
    heapUsedMiB: (after.get('nodejs_heap_size_used_bytes') ?? NaN) / 2 ** 20,
    heapTotalMiB: (after.get('nodejs_heap_size_total_bytes') ?? NaN) / 2 ** 20,
    externalMiB: (after.get('nodejs_external_memory_bytes') ?? NaN) / 2 ** 20,
  };
}

export function describeWork(label: string, w: ServerWork, seconds: number): string {
  const share = (s: number) => `${((s / seconds) * 100).toFixed(1)} % of a core`;
  const builds = w.builds
    .map((b) => `${b.count} ${b.response} bodies built (${b.meanMs.toFixed(1)} ms mean, ${share(b.seconds)})`)
    .join(', ');
  return (
    `  ${label}: event loop delay p99 ${w.loopP99Ms.toFixed(0)} ms, max ${w.loopMaxMs.toFixed(0)} ms; ` +
    `GC ${share(w.gcSeconds)}; ${w.batches} change batches re-analysed ${w.namespacesAnalysed} namespaces ` +
    `(${w.batchMeanMs.toFixed(1)} ms mean, ${share(w.batchSeconds)}); ${builds}; ` +
    `V8 heap ${w.heapUsedMiB.toFixed(0)} of ${w.heapTotalMiB.toFixed(0)} MiB, external ${w.externalMiB.toFixed(0)} MiB`
  );
}
