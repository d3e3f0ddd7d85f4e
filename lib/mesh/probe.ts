// What a dry-run pod CREATE says about the injector. A mutating webhook with `sideEffects: None`
// (Linkerd's) is called for `dryRun=All` requests and the response carries the mutated pod, so one
// request shows whether the injector answers, whether it injects, and which proxy version it injects.
// The probe pod asks for injection itself (`linkerd.io/inject: enabled` on the pod), so an answering
// injector always adds its proxy.
import { findProxy, proxyVersionOf } from './sidecar.ts';
import type { PodSpecRecord } from './inputs.ts';

export type ProbeState =
  | 'answering' // the injector added its proxy
  | 'not-injecting' // the webhook answered but the pod came back without a proxy, and no webhook error
  | 'failing' // the API server refused the pod: the webhook call failed (failurePolicy Fail)
  | 'bypassed' // failurePolicy Ignore and no proxy: new pods start without one
  | 'not-called' // the webhook's selectors do not send the probe namespace to the injector
  | 'no-webhook'
  | 'disabled' // no probe namespace configured, or no permission
  | 'error'; // the probe itself failed (API server unreachable …)

/** Every state, in a fixed order (the one-hot `meshwatch_injector_probe_state` series). */
export const PROBE_STATES: readonly ProbeState[] = [
  'answering',
  'not-injecting',
  'failing',
  'bypassed',
  'not-called',
  'no-webhook',
  'disabled',
  'error',
];

export type ProbeTone = 'good' | 'warn' | 'bad' | 'neutral';

export interface ProbeVerdict {
  state: ProbeState;
  /** One human sentence for the header or the banner. */
  sentence: string;
  tone: ProbeTone;
  /** A loud banner is due (pod creation failing, or new pods without a proxy). */
  banner?: string;
  namespace?: string;
  failurePolicy?: string;
  injectedVersion?: string;
  durationMs?: number;
  /** The API server's own words, when it refused or failed. */
  message?: string;
  at: string;
}

/** What lib/k8s observed: a mutated pod, a refusal, or why no probe ran. */
export type ProbeObservation =
  | { kind: 'created'; pod: PodSpecRecord }
  | { kind: 'refused'; message: string }
  | { kind: 'forbidden'; message: string }
  | { kind: 'error'; message: string }
  | { kind: 'disabled'; why: string };

export interface ProbeContext {
  webhookPresent: boolean;
  failurePolicy?: string;
  /** The webhook's namespaceSelector matches the probe namespace. */
  namespaceCalled: boolean;
  namespace?: string;
  durationMs?: number;
  at: string;
}

/** Webhook failures as the API server words them ("failed calling webhook …", "Internal error …"). */
export function isWebhookError(message: string): boolean {
  return /failed calling webhook|admission webhook .* denied|webhook/i.test(message);
}

export function judgeProbe(obs: ProbeObservation, ctx: ProbeContext): ProbeVerdict {
  const base = {
    at: ctx.at,
    namespace: ctx.namespace,
    failurePolicy: ctx.failurePolicy,
    durationMs: ctx.durationMs,
  };
  if (obs.kind === 'disabled')
    return { ...base, state: 'disabled', tone: 'neutral', sentence: `Injector probe off: ${obs.why}` };
  if (obs.kind === 'forbidden')
    return {
      ...base,
      state: 'disabled',
      tone: 'neutral',
      message: obs.message,
      sentence: `Injector probe off: meshwatch may not create pods (dry run) in ${ctx.namespace}; grant "create pods" there with a namespaced Role`,
    };
  if (!ctx.webhookPresent)
    return { ...base, state: 'no-webhook', tone: 'neutral', sentence: 'No proxy injector webhook installed' };
  if (!ctx.namespaceCalled)
    return {
      ...base,
      state: 'not-called',
      tone: 'warn',
      sentence: `Injector probe cannot tell: the webhook's namespaceSelector does not call the injector for ${ctx.namespace}`,
    };
  if (obs.kind === 'error')
    return {
      ...base,
      state: 'error',
      tone: 'warn',
      message: obs.message,
      sentence: `Injector probe failed: ${obs.message}`,
    };
  if (obs.kind === 'refused') {
    const sentence = `Injector not answering: the API server refused a test pod (failurePolicy ${ctx.failurePolicy ?? 'Fail'})`;
    return {
      ...base,
      state: 'failing',
      tone: 'bad',
      message: obs.message,
      sentence,
      banner:
        'Pod creation in injected namespaces is failing: the proxy injector does not answer, and its webhook (failurePolicy Fail) refuses every pod it cannot inject. Restarts and scale-ups there will stall until it is back.',
    };
  }
  const proxy = findProxy(obs.pod);
  if (proxy) {
    const injectedVersion = proxyVersionOf(obs.pod.annotations, proxy.container);
    const ms = ctx.durationMs === undefined ? '' : `, ${ctx.durationMs} ms`;
    return {
      ...base,
      state: 'answering',
      tone: 'good',
      injectedVersion,
      sentence: `Injector answering${ms}${injectedVersion ? `, injects ${injectedVersion}` : ''}`,
    };
  }
  if (ctx.failurePolicy === 'Ignore')
    return {
      ...base,
      state: 'bypassed',
      tone: 'bad',
      sentence: 'Injector not answering: a test pod came back without a proxy (failurePolicy Ignore)',
      banner:
        'New pods start without a proxy: the proxy injector does not answer and its webhook (failurePolicy Ignore) lets pods through uninjected. Pods created now are not meshed; restart them once it is back.',
    };
  return {
    ...base,
    state: 'not-injecting',
    tone: 'warn',
    sentence: 'The injector answered but did not inject a test pod that asks for a proxy',
  };
}
