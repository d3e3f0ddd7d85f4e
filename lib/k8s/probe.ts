import 'server-only';
// The injector probe: every MESHWATCH_PROBE_INTERVAL_SECONDS (and on demand) a pod CREATE with
// dryRun=All in MESHWATCH_PROBE_NAMESPACE. Linkerd's webhook (sideEffects: None) is called for dry runs
// and the answer carries the mutated pod: the engine (lib/mesh/probe.ts) judges it. Nothing is created.
// Needs only `create pods` in that one namespace (the Helm chart grants it with a namespaced Role);
// without the namespace or the permission the probe says it is off and why. Unset, there is no safe
// guess (from a laptop, any namespace would be someone else's), so the probe stays off.
import { performance } from 'node:perf_hooks';
import type { V1Pod } from '@kubernetes/client-node';
import { judgeProbe, matchesSelector, type ProbeObservation, type ProbeVerdict } from '@/lib/mesh';
import { INJECT_ANNOTATION } from '@/lib/mesh/annotations';
import type { ClusterSource as ClusterCache } from './source';
import { callOptions } from './config';
import { statusMessage, toMeshwatchError } from './errors';
import { podSpecOf } from './ingest';

const DEFAULT_INTERVAL_SECONDS = 30;
const PROBE_TIMEOUT_MS = 15_000;
const PROBE_LABEL = 'meshwatch.io/injector-probe';

interface ProbeState {
  latest?: ProbeVerdict;
  timer?: ReturnType<typeof setInterval>;
  inFlight?: Promise<ProbeVerdict>;
}
const KEY = Symbol.for('meshwatch.injector-probe');
function state(): ProbeState {
  return ((globalThis as Record<symbol, ProbeState | undefined>)[KEY] ??= {});
}

export function probeNamespace(): string | undefined {
  return process.env.MESHWATCH_PROBE_NAMESPACE?.trim() || undefined;
}

export function probeIntervalSeconds(): number {
  const raw = Number(process.env.MESHWATCH_PROBE_INTERVAL_SECONDS);
  return Number.isFinite(raw) && raw >= 1 ? raw : DEFAULT_INTERVAL_SECONDS;
}

/** The latest verdict, or undefined before the first probe. */
export function latestProbe(): ProbeVerdict | undefined {
  return state().latest;
}

function probePod(namespace: string): V1Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      generateName: 'meshwatch-injector-probe-',
      namespace,
      labels: { [PROBE_LABEL]: 'true' },
      // The pod asks for injection itself, so the namespace's own setting does not matter.
      annotations: { [INJECT_ANNOTATION]: 'enabled' },
    },
    spec: { containers: [{ name: 'probe', image: 'meshwatch.invalid/injector-probe:0' }] },
  };
}

async function observe(cache: ClusterCache, namespace: string): Promise<ProbeObservation> {
  if (!cache.clients) return { kind: 'error', message: 'meshwatch has no cluster connection' };
  try {
    const pod = await cache.clients.core.createNamespacedPod(
      { namespace, body: probePod(namespace), dryRun: 'All' },
      callOptions({ timeoutMs: PROBE_TIMEOUT_MS }),
    );
    return { kind: 'created', pod: podSpecOf({ metadata: pod.metadata, spec: pod.spec }) };
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    const body = (err as { body?: unknown }).body;
    const message = statusMessage(body) ?? toMeshwatchError(err).message;
    if (code === 401 || code === 403) return { kind: 'forbidden', message };
    if (/does not support dry run/i.test(message)) return { kind: 'error', message };
    // The API server answers 500 "failed calling webhook …" when a Fail webhook cannot be reached,
    // 4xx when a webhook denies: either way the pod would be refused.
    if (typeof code === 'number' && /webhook/i.test(message)) return { kind: 'refused', message };
    return { kind: 'error', message };
  }
}

/** Runs one probe now (coalesced with one in flight) and keeps its verdict. */
export function runProbe(cache: ClusterCache): Promise<ProbeVerdict> {
  const s = state();
  if (s.inFlight) return s.inFlight;
  const run = async (): Promise<ProbeVerdict> => {
    const namespace = probeNamespace();
    const snapshot = cache.namespaceSnapshot(namespace ?? '');
    const webhook = snapshot.webhook;
    const nsRecord = snapshot.namespaces.find((n) => n.name === namespace);
    const started = performance.now();
    const obs: ProbeObservation = namespace
      ? await observe(cache, namespace)
      : {
          kind: 'disabled',
          why: 'set MESHWATCH_PROBE_NAMESPACE to a namespace where meshwatch may create pods',
        };
    const durationMs = Math.round(performance.now() - started);
    const verdict = judgeProbe(obs, {
      webhookPresent: webhook !== null,
      failurePolicy: webhook?.failurePolicy,
      namespaceCalled: !!webhook && !!nsRecord && matchesSelector(webhook.namespaceSelector, nsRecord.labels),
      namespace,
      durationMs: obs.kind === 'disabled' ? undefined : durationMs,
      at: new Date().toISOString(),
    });
    const previous = s.latest?.state;
    s.latest = verdict;
    if (previous !== verdict.state) {
      console.log(
        JSON.stringify({
          level: verdict.tone === 'bad' ? 'warn' : 'info',
          msg: 'injector probe',
          state: verdict.state,
          sentence: verdict.sentence,
          detail: verdict.message,
        }),
      );
    }
    return verdict;
  };
  s.inFlight = run().finally(() => {
    s.inFlight = undefined;
  });
  return s.inFlight;
}

/** Starts the periodic probe once per process (instrumentation.ts). */
export function startProbe(cache: ClusterCache): void {
  const s = state();
  // A snapshot (MESHWATCH_SNAPSHOT) has no cluster to ask: the probe stays off rather than failing.
  if (s.timer || !cache.clients) return;
  const tick = () => {
    if (cache.freshness().synced) void runProbe(cache).catch(() => undefined);
  };
  s.timer = setInterval(tick, probeIntervalSeconds() * 1000);
  s.timer.unref?.();
  setTimeout(tick, 1_000).unref?.();
}
