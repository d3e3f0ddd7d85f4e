import 'server-only';
// Applies the engine's guards (lib/mesh/guards.ts) to a request: refused with 403 guarded_namespace or
// 409 cannot_work and the engine's reason code, unless the caller sent "force": true. Every refusal
// leaves an audit line; a forced request reports what it overrode.
import { markAudited, MeshwatchError } from '@/lib/api/errors';
import {
  needsRestart,
  injectionGuard,
  restartGuard,
  type GuardCluster,
  type GuardRefusal,
  type GuardWorkload,
  type NamespaceAnalysis,
  type WorkloadSummary,
} from '@/lib/mesh';
import type { ClientIdentity } from '@/lib/api/client-identity';
import type { ActivityEntry } from '@/lib/api/dto';
import { audit } from './audit';
import type { ClusterSource as ClusterCache } from './source';
import { latestProbe } from './probe';
import { clusterSummaryOf } from './source-analysis';

export function guardCluster(cache: ClusterCache): GuardCluster {
  const c = clusterSummaryOf(cache);
  const probe = latestProbe();
  return {
    controlPlaneNamespace: c.controlPlaneNamespace,
    webhookPresent: c.webhookPresent,
    failurePolicy: c.failurePolicy,
    injectorPods: c.injectorPods,
    ...(probe ? { probe } : {}),
  };
}

export function toGuardWorkload(w: WorkloadSummary): GuardWorkload {
  return {
    kind: w.kind,
    name: w.name,
    statusCounts: w.statusCounts,
    templateReasons: w.template.reasons.map((r) => r.code),
    hostNetwork: w.hostNetwork === true,
  };
}

/** Does the webhook leave the namespace out (the injector is never called for its pods)? */
export function webhookExcluded(cache: ClusterCache, namespace: string): boolean {
  return cache.analysis.namespace(namespace)?.namespace.webhookExcluded ?? false;
}

/** What a namespace restart would act on: restartable workloads with pods a restart fixes. */
export function namespaceCandidates(analysis: NamespaceAnalysis): WorkloadSummary[] {
  return analysis.workloads.filter((w) => w.restart.restartable && needsRestart(w.statusCounts));
}

interface GuardRequest {
  action: ActivityEntry['action'];
  target: { apiVersion: string; kind: string; namespace: string; name: string };
  dryRun: boolean;
  client: ClientIdentity;
  force: boolean;
}

/** How a refusal is worded: its audit line's detail, and the error the request gets. */
interface Refused<R> {
  detail(first: R): string;
  error(first: R, all: readonly R[]): MeshwatchError;
}

const ONE_TARGET: Refused<GuardRefusal> = {
  detail: (first) => `refused (${first.code}): ${first.message}`,
  error: (first) =>
    first.family === 'guarded'
      ? new MeshwatchError('guarded_namespace', first.message, 403, first.code)
      : new MeshwatchError('cannot_work', first.message, 409, first.code),
};

/** Passes when nothing refuses or the caller forced it; otherwise audits the first refusal and throws. */
async function enforce<R>(refusals: R[], req: GuardRequest, refused: Refused<R>): Promise<R[]> {
  const [first] = refusals;
  if (first === undefined || req.force) return refusals;
  await audit(null, { ...req, result: 'error', detail: refused.detail(first) });
  // Audited here with the engine's reason, so the route does not log it again as a bare refusal.
  throw markAudited(refused.error(first, refusals));
}

/** A plan's refusal names its namespace; the plan is refused as a whole, always as "guarded". */
type PlanRefusal = { namespace: string; code: string; message: string };
const WHOLE_PLAN: Refused<PlanRefusal> = {
  detail: (first) => `refused (${first.code}) in ${first.namespace}: ${first.message}`,
  error: (first, all) =>
    new MeshwatchError(
      'guarded_namespace',
      `${first.namespace}: ${first.message}${all.length > 1 ? ` (and ${all.length - 1} more)` : ''} Send "force": true to run the plan anyway.`,
      403,
      first.code,
    ),
};

/** A plan over guarded namespaces (injector down, webhook excluded…) needs "force": the second confirmation. */
export function guardPlan(
  refusals: PlanRefusal[],
  opts: { client: ClientIdentity; force: boolean; dryRun: boolean },
): Promise<PlanRefusal[]> {
  const target = { apiVersion: 'meshwatch/v1', kind: 'RestartPlan', namespace: '', name: 'new' };
  return enforce(refusals, { ...opts, action: 'restart-plan', target }, WHOLE_PLAN);
}

export function guardInjection(
  cache: ClusterCache,
  req: Omit<GuardRequest, 'action' | 'target'> & { namespace: string },
): Promise<GuardRefusal[]> {
  const refusals = injectionGuard(
    req.namespace,
    clusterSummaryOf(cache).controlPlaneNamespace,
    webhookExcluded(cache, req.namespace),
  );
  const target = { apiVersion: 'v1', kind: 'Namespace', namespace: req.namespace, name: req.namespace };
  return enforce(refusals, { ...req, action: 'set-injection', target }, ONE_TARGET);
}

/** One workload (`workload` set) or a namespace's "restart what needs it". */
export function guardRestart(
  cache: ClusterCache,
  analysis: NamespaceAnalysis,
  req: Omit<GuardRequest, 'action' | 'target'> & { workload?: { kind: string; name: string } },
): Promise<GuardRefusal[]> {
  const namespace = analysis.namespace.name;
  const single = req.workload !== undefined;
  const summaries = single
    ? analysis.workloads.filter((w) => w.kind === req.workload?.kind && w.name === req.workload.name)
    : namespaceCandidates(analysis);
  const refusals = restartGuard({
    namespace,
    webhookCallsNamespace: !analysis.namespace.webhookExcluded,
    cluster: guardCluster(cache),
    workloads: summaries.map(toGuardWorkload),
    single,
  });
  const target = req.workload
    ? { apiVersion: 'apps/v1', kind: req.workload.kind, namespace, name: req.workload.name }
    : { apiVersion: 'v1', kind: 'Namespace', namespace, name: namespace };
  return enforce(
    refusals,
    {
      ...req,
      action: single ? 'restart-workload' : 'restart-namespace',
      target,
    },
    ONE_TARGET,
  );
}

/** A metadata change (workload injection, lint fix) in a guarded namespace: the same rule as injection. */
export function guardMetadataChange(
  cache: ClusterCache,
  req: Omit<GuardRequest, 'target'> & { target: GuardRequest['target'] },
): Promise<GuardRefusal[]> {
  const refusals = injectionGuard(
    req.target.namespace,
    clusterSummaryOf(cache).controlPlaneNamespace,
    webhookExcluded(cache, req.target.namespace),
  );
  return enforce(refusals, req, ONE_TARGET);
}
