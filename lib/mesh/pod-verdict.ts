// A pod's verdict: what it has (a proxy or not), what a restart would give it, and the status
// and fix that follow. Decisions are cached per template owner, so 10,000 pods of 2,000
// workloads cost 2,000 decisions.
import { CREATED_BY_ANNOTATION, CREATED_BY_INJECTOR_PREFIX, INJECT_ANNOTATION } from './annotations.ts';
import { createTraceMemo, type TraceMemo } from './trace-memo.ts';
import { ownerTokenMounts, type TokenMountEvidence } from './automount.ts';
import { evaluateInjection, type InjectionEvaluation, type NamespaceFacts } from './decision.ts';
import {
  describeTemplateSource,
  indexSnapshot,
  resolveOwner,
  templateName,
  type OwnerResolution,
  type SnapshotIndex,
} from './owners.ts';
import { findProxy, proxyReadiness, proxyVersionOf, stripInjected, type ProxyContainer } from './sidecar.ts';
import { classifyPod, statusFix, type StatusFacts } from './status.ts';
import type {
  ClusterSnapshot,
  ControlPlaneRecord,
  InjectorWebhookRecord,
  PodRecord,
  PodSpecRecord,
  PodStatus,
  PodVerdict,
  Reason,
  WorkloadRecord,
} from './types.ts';

export interface EngineContext {
  index: SnapshotIndex;
  webhook: InjectorWebhookRecord | null;
  controlPlane: ControlPlaneRecord | null;
  /** By template owner uid. */
  evaluations: Map<string, InjectionEvaluation>;
  /** Stand-ins for namespaces a pod names but the snapshot lacks. */
  missingNamespaces: Map<string, NamespaceFacts>;
  /** Trace steps shared by the decisions of this analysis. */
  memo: TraceMemo;
  /** Per owner resolution (one per controller): its template's decision and fix sentences. */
  shared: Map<OwnerResolution, SharedTemplate>;
  /** By template owner: did its pods get the service-account token? Filled only with projection off. */
  tokenMounts: Map<WorkloadRecord, TokenMountEvidence>;
}

export function createContext(snapshot: ClusterSnapshot, namespace?: string): EngineContext {
  const index = indexSnapshot(snapshot, namespace);
  // Only the token check with projection off reads pod evidence into a template's decision.
  const projectionOff = snapshot.controlPlane?.serviceAccountTokenProjection === false;
  return {
    index,
    tokenMounts: projectionOff ? ownerTokenMounts(snapshot.pods, index, namespace) : new Map(),
    webhook: snapshot.webhook,
    controlPlane: snapshot.controlPlane,
    evaluations: new Map(),
    missingNamespaces: new Map(),
    shared: new Map(),
    memo: createTraceMemo(),
  };
}

/** The namespace record, or an empty stand-in (an informer can deliver a pod before its namespace). */
export function namespaceFacts(ctx: EngineContext, name: string): NamespaceFacts {
  const record = ctx.index.namespaces.get(name);
  if (record) return record;
  let stand = ctx.missingNamespaces.get(name);
  if (!stand) {
    stand = { name, labels: {}, annotations: {} };
    ctx.missingNamespaces.set(name, stand);
  }
  return stand;
}

/** The injector's decision for a workload's current template, computed once per workload. */
export function evaluateTemplate(ctx: EngineContext, owner: WorkloadRecord): InjectionEvaluation {
  let evaluation = ctx.evaluations.get(owner.uid);
  if (!evaluation) {
    evaluation = evaluateInjection({
      namespace: namespaceFacts(ctx, owner.namespace),
      template: owner.template,
      webhook: ctx.webhook,
      controlPlane: ctx.controlPlane,
      templateSource: templateName(owner),
      tokenMount: ctx.tokenMounts.get(owner),
      memo: ctx.memo,
    });
    ctx.evaluations.set(owner.uid, evaluation);
  }
  return evaluation;
}

export function injectedByInjector(pod: PodRecord): boolean {
  return (pod.annotations[CREATED_BY_ANNOTATION] ?? '').startsWith(CREATED_BY_INJECTOR_PREFIX);
}

/**
 * What a recreated bare pod would look like to the injector. When the injector added the proxy we
 * strip what it added; a proxy without the injector's `created-by` (`linkerd inject` output, or
 * hand-written) is part of the manifest and stays, so the pod counts as manually injected.
 */
export function barePodTemplate(pod: PodRecord): PodSpecRecord {
  if (!injectedByInjector(pod)) return pod;
  const template = stripInjected(pod);
  // The injector copied the namespace's linkerd.io/inject onto the pod when it lacked one; the
  // last-applied manifest, when kubectl left one, says what the author actually wrote.
  if (pod.manifestInjectValue === undefined) return template;
  const annotations: Record<string, string> = { ...template.annotations };
  if (pod.manifestInjectValue === null) delete annotations[INJECT_ANNOTATION];
  else annotations[INJECT_ANNOTATION] = pod.manifestInjectValue;
  return { ...template, annotations };
}

export interface PodJudgement {
  pod: PodRecord;
  verdict: PodVerdict;
  owner: OwnerResolution;
  evaluation: InjectionEvaluation;
  proxy?: ProxyContainer;
  /** The template carries the proxy itself (`linkerd inject --manual`): restarts keep it. */
  manual: boolean;
  expectedVersion?: string;
}

/** What the pods of one controller share: the decision for their template and their fix sentences. */
interface SharedTemplate {
  evaluation: InjectionEvaluation;
  /** By status; an outdated proxy's sentence names versions, so those are kept by version pair. */
  fixes: Partial<Record<PodStatus, string>>;
  outdatedFixes: Map<string, string | undefined>;
}

function sharedTemplate(
  ctx: EngineContext,
  owner: OwnerResolution,
  templateOwner: WorkloadRecord,
): SharedTemplate {
  let shared = ctx.shared.get(owner);
  if (!shared) {
    shared = { evaluation: evaluateTemplate(ctx, templateOwner), fixes: {}, outdatedFixes: new Map() };
    ctx.shared.set(owner, shared);
  }
  return shared;
}

function podFix(
  pod: PodRecord,
  owner: OwnerResolution,
  status: PodStatus,
  facts: StatusFacts,
  reasons: Reason[],
) {
  const target = { pod, ref: owner.ref, workload: owner.workload, foreignOwner: owner.foreignOwner };
  return statusFix(status, { ...facts, reasons, target });
}

/** Shared, read-only: most verdicts have no reasons, and they need not each own an empty array. */
const NO_REASONS: Reason[] = Object.freeze([]) as unknown as Reason[];

export function judgePod(pod: PodRecord, ctx: EngineContext): PodJudgement {
  const owner = resolveOwner(pod, ctx.index);
  const shared = owner.templateOwner ? sharedTemplate(ctx, owner, owner.templateOwner) : undefined;
  const evaluation =
    shared?.evaluation ??
    evaluateInjection({
      namespace: namespaceFacts(ctx, pod.namespace),
      template: barePodTemplate(pod),
      webhook: ctx.webhook,
      controlPlane: ctx.controlPlane,
      templateSource: describeTemplateSource(pod, owner),
      memo: ctx.memo,
    });
  const { decision } = evaluation;
  const proxy = findProxy(pod);
  const manual = evaluation.templateCarriesProxy;
  // Unknown matchConditions: a meshed pod is not called "unwanted" (that would promise a restart
  // removes its proxy); an unmeshed one shows as not-injectable with the "cannot evaluate" reason.
  const unknownCall = evaluation.webhookCallUnknown && proxy !== undefined;
  const expected = decision.inject || manual || unknownCall;
  // A manually injected template pins its proxy: a restart brings that version, not the injector's.
  const expectedVersion = manual ? evaluation.templateProxyVersion : ctx.controlPlane?.injectProxyVersion;
  const proxyVersion = proxy ? proxyVersionOf(pod.annotations, proxy.container) : undefined;
  const reasons = expected || decision.reasons.length === 0 ? NO_REASONS : decision.reasons;
  const facts: StatusFacts = {
    meshed: proxy !== undefined,
    expected,
    optedIn: decision.optedIn,
    optedOut: evaluation.optedOut,
    proxyVersion,
    expectedVersion,
  };
  const status = classifyPod(facts);
  // Pods of one controller share one sentence per status (and versions); other pods name themselves.
  let fix: string | undefined;
  if (!shared) {
    fix = podFix(pod, owner, status, facts, reasons);
  } else if (status === 'outdated-proxy') {
    const key = `${proxyVersion} ${expectedVersion}`;
    fix = shared.outdatedFixes.get(key);
    if (fix === undefined) shared.outdatedFixes.set(key, (fix = podFix(pod, owner, status, facts, reasons)));
  } else if (status in shared.fixes) {
    fix = shared.fixes[status];
  } else {
    fix = shared.fixes[status] = podFix(pod, owner, status, facts, reasons);
  }
  const verdict: PodVerdict = {
    namespace: pod.namespace,
    name: pod.name,
    uid: pod.uid,
    createdAt: pod.createdAt,
    phase: pod.phase,
    deleting: pod.deleting,
    workload: owner.ref,
    meshed: facts.meshed,
    nativeSidecar: proxy?.native ?? false,
    proxyVersion,
    proxyReady: proxy ? proxyReadiness(proxy, pod.containerStatuses, pod.initContainerStatuses) : undefined,
    expected,
    status,
    reasons,
    fix,
  };
  return { pod, verdict, owner, evaluation, proxy, manual, expectedVersion };
}
