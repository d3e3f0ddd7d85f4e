// The engine's results as the API carries them: the contract's own names, declared here as zod schemas
// (strict: a field the contract does not name is an error) with their types inferred. Clients import
// the types only. lib/server/contract.ts proves at compile time that each equals the engine type it is
// shaped from, so renaming or dropping an engine field fails the build there instead of silently
// changing the JSON; the unit and integration tests parse real responses with these schemas, which
// also catches a field the engine added. The vocabularies (codes, kinds, statuses) are the engine's
// own lists, imported: each has one home.
import { z } from 'zod';
import { CANNOT_HELP_CODES } from '@/lib/mesh/action-verdict';
import { GITOPS_TOOLS } from '@/lib/mesh/gitops';
import { GUARD_CODES } from '@/lib/mesh/guards';
import { POD_PHASES, WORKLOAD_KINDS } from '@/lib/mesh/inputs';
import { LINT_CODES, POD_STATUSES } from '@/lib/mesh/outputs';
import { PROBE_STATES } from '@/lib/mesh/probe';
import { REASON_ORDER } from '@/lib/mesh/reasons';
import { EXCLUSION_CODES } from '@/lib/mesh/restart-plan';

export const workloadKind = z.enum(WORKLOAD_KINDS);
export const podStatus = z.enum(POD_STATUSES);
const podPhase = z.enum(POD_PHASES);
const lintSeverity = z.enum(['warning', 'error', 'info']);
const count = z.number().int().nonnegative();

export const reason = z.strictObject({ code: z.enum(REASON_ORDER), message: z.string(), fix: z.string() });

export const lint = z.strictObject({
  code: z.enum(LINT_CODES),
  severity: lintSeverity,
  message: z.string(),
  fix: z.string(),
  target: z.strictObject({
    kind: z.union([z.literal('Namespace'), workloadKind, z.literal('Pod')]),
    namespace: z.string().optional(),
    name: z.string(),
  }),
});

export const traceStep = z.strictObject({
  rule: z.string(),
  outcome: z.enum(['pass', 'block', 'info']),
  detail: z.string(),
});

export const injectionDecision = z.strictObject({
  inject: z.boolean(),
  reasons: z.array(reason),
  trace: z.array(traceStep),
  optedIn: z.boolean(),
});

export const statusCounts = z.record(podStatus, count);

export const gitOpsManager = z.strictObject({
  tool: z.enum(GITOPS_TOOLS),
  what: z.string(),
  name: z.string(),
  evidence: z.string(),
  sentence: z.string(),
});

export const restartability = z.strictObject({ restartable: z.boolean(), why: z.string().optional() });

export const ownerRef = z.strictObject({ kind: z.string(), name: z.string(), uid: z.string() });

const podVerdictShape = {
  namespace: z.string(),
  name: z.string(),
  uid: z.string(),
  createdAt: z.string(),
  phase: podPhase,
  deleting: z.boolean(),
  workload: z.strictObject({ kind: workloadKind, name: z.string() }).optional(),
  meshed: z.boolean(),
  nativeSidecar: z.boolean(),
  proxyVersion: z.string().optional(),
  proxyReady: z.boolean().optional(),
  expected: z.boolean(),
  status: podStatus,
  reasons: z.array(reason),
  fix: z.string().optional(),
};
export const podVerdict = z.strictObject(podVerdictShape);
export const podExplanation = z.strictObject({ ...podVerdictShape, trace: z.array(traceStep) });

export const workloadSummary = z.strictObject({
  kind: workloadKind,
  namespace: z.string(),
  name: z.string(),
  pods: count,
  meshed: count,
  failed: count,
  statusCounts,
  template: injectionDecision,
  restart: restartability,
  needsRestart: z.boolean(),
  lints: z.array(lint),
  templateInjectValue: z.string().optional(),
  gitOps: gitOpsManager.optional(),
  hostNetwork: z.literal(true).optional(),
});

export const namespaceSummary = z.strictObject({
  name: z.string(),
  injectValue: z.string().optional(),
  injectAnnotationSetAt: z.string().optional(),
  webhookExcluded: z.boolean(),
  isControlPlane: z.boolean(),
  pods: count,
  meshed: count,
  failed: count,
  statusCounts,
  workloadsNeedingRestart: count,
  proxyVersions: z.array(z.string()),
  lints: z.array(lint),
  workloadLints: z.record(lintSeverity, count),
  gitOps: gitOpsManager.optional(),
});

export const clusterSummary = z.strictObject({
  controlPlaneNamespace: z.string().optional(),
  linkerdVersion: z.string().optional(),
  injectProxyVersion: z.string().optional(),
  webhookPresent: z.boolean(),
  failurePolicy: z.string().optional(),
  injectorPods: z.strictObject({ total: count, ready: count }),
  linkerdConfigError: z.string().optional(),
  namespaces: count,
  pods: count,
  meshed: count,
  failed: count,
  statusCounts,
  workloadsNeedingRestart: count,
});

const guardCode = z.enum(GUARD_CODES);

export const actionVerdict = z.discriminatedUnion('state', [
  z.strictObject({ state: z.literal('allowed') }),
  z.strictObject({ state: z.literal('guarded'), code: guardCode, reason: z.string() }),
  z.strictObject({
    state: z.literal('cannot-help'),
    code: z.enum(CANNOT_HELP_CODES),
    reason: z.string(),
  }),
]);

export const guardRefusal = z.strictObject({
  code: guardCode,
  family: z.enum(['guarded', 'cannot-work']),
  message: z.string(),
});

export const probeVerdict = z.strictObject({
  state: z.enum(PROBE_STATES),
  sentence: z.string(),
  tone: z.enum(['good', 'warn', 'bad', 'neutral']),
  banner: z.string().optional(),
  namespace: z.string().optional(),
  failurePolicy: z.string().optional(),
  injectedVersion: z.string().optional(),
  durationMs: z.number().nonnegative().optional(),
  message: z.string().optional(),
  at: z.string(),
});

export const exclusionCode = z.enum(EXCLUSION_CODES);

export const planExclusion = z.strictObject({
  code: exclusionCode,
  kind: z.string(),
  name: z.string(),
  pods: z.array(z.string()),
  action: z.string(),
});

export const rolloutJudgement = z.strictObject({
  phase: z.enum(['progressing', 'complete', 'stalled']),
  problems: z.array(
    z.strictObject({
      reason: z.string(),
      message: z.string(),
      object: z.strictObject({ kind: z.string(), name: z.string() }),
      count: z.number().int().positive(),
      webhook: z.boolean(),
      fix: z.string(),
    }),
  ),
  lostPods: z.array(z.string()),
  stalledForSeconds: z.number().nonnegative().optional(),
});

/** The rows the pages list: the engine's summary plus its word on the row's button. */
export const namespaceRow = namespaceSummary.extend({ injection: actionVerdict });
export const workloadRow = workloadSummary.extend({ restartVerdict: actionVerdict });
export const podRow = podVerdict.extend({ owner: ownerRef.optional() });

export type WorkloadKind = z.infer<typeof workloadKind>;
export type PodStatus = z.infer<typeof podStatus>;
export type Reason = z.infer<typeof reason>;
export type Lint = z.infer<typeof lint>;
export type TraceStep = z.infer<typeof traceStep>;
export type InjectionDecision = z.infer<typeof injectionDecision>;
export type StatusCounts = z.infer<typeof statusCounts>;
export type GitOpsManager = z.infer<typeof gitOpsManager>;
export type Restartability = z.infer<typeof restartability>;
export type OwnerRef = z.infer<typeof ownerRef>;
export type PodVerdict = z.infer<typeof podVerdict>;
export type PodExplanation = z.infer<typeof podExplanation>;
export type WorkloadSummary = z.infer<typeof workloadSummary>;
export type NamespaceSummary = z.infer<typeof namespaceSummary>;
export type ClusterSummary = z.infer<typeof clusterSummary>;
export type ActionVerdict = z.infer<typeof actionVerdict>;
export type GuardRefusal = z.infer<typeof guardRefusal>;
export type ProbeVerdict = z.infer<typeof probeVerdict>;
export type ExclusionCode = z.infer<typeof exclusionCode>;
export type PlanExclusion = z.infer<typeof planExclusion>;
export type RolloutJudgement = z.infer<typeof rolloutJudgement>;
export type NamespaceRow = z.infer<typeof namespaceRow>;
export type WorkloadRow = z.infer<typeof workloadRow>;
export type PodRow = z.infer<typeof podRow>;
export type RolloutProblem = RolloutJudgement['problems'][number];
