// The wire types (lib/api/wire.ts) against the engine types they are shaped from, checked by the
// compiler: each pair must be assignable both ways. Renaming, dropping or retyping an engine field
// fails `tsc` here, naming the pair, instead of silently changing the JSON every client reads. To change
// the wire on purpose, change lib/api/wire.ts too (and say so in the changelog of the API).
import type * as Wire from '@/lib/api/wire';
import type * as PlanWire from '@/lib/api/restart-plan-dto';
import type * as Plan from '@/lib/mesh/cluster-restart-plan';
import type { ActionVerdict } from '@/lib/mesh/action-verdict';
import type { GuardRefusal } from '@/lib/mesh/guards';
import type { ProbeVerdict } from '@/lib/mesh/probe';
import type { ExclusionCode, PlanExclusion } from '@/lib/mesh/restart-plan';
import type { RolloutJudgement } from '@/lib/mesh/rollout';
import type * as Engine from '@/lib/mesh/types';

/** Assignable both ways (a required field renamed, dropped or retyped breaks it). */
type Mutual<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/**
 * `true` when A and B are assignable to each other and name the same fields (which also catches an
 * optional field renamed); otherwise the pair's name, which is what tsc prints.
 */
type Same<A, B, Name extends string> =
  Mutual<A, B> extends true ? (Mutual<keyof A, keyof B> extends true ? true : Name) : Name;

/** Every entry must be `true`: a mismatch reads `Type '"PodVerdict"' is not assignable to type 'true'`. */
export type WireMatchesEngine = {
  [K in keyof Checks]: Checks[K] extends true ? true : Checks[K];
};
type Checks = {
  workloadKind: Same<Wire.WorkloadKind, Engine.WorkloadKind, 'WorkloadKind'>;
  podStatus: Same<Wire.PodStatus, Engine.PodStatus, 'PodStatus'>;
  reason: Same<Wire.Reason, Engine.Reason, 'Reason'>;
  lint: Same<Wire.Lint, Engine.Lint, 'Lint'>;
  traceStep: Same<Wire.TraceStep, Engine.TraceStep, 'TraceStep'>;
  injectionDecision: Same<Wire.InjectionDecision, Engine.InjectionDecision, 'InjectionDecision'>;
  statusCounts: Same<Wire.StatusCounts, Engine.StatusCounts, 'StatusCounts'>;
  restartability: Same<Wire.Restartability, Engine.Restartability, 'Restartability'>;
  ownerRef: Same<Wire.OwnerRef, Engine.OwnerRef, 'OwnerRef'>;
  podVerdict: Same<Wire.PodVerdict, Engine.PodVerdict, 'PodVerdict'>;
  podExplanation: Same<Wire.PodExplanation, Engine.PodExplanation, 'PodExplanation'>;
  workloadSummary: Same<Wire.WorkloadSummary, Engine.WorkloadSummary, 'WorkloadSummary'>;
  namespaceSummary: Same<Wire.NamespaceSummary, Engine.NamespaceSummary, 'NamespaceSummary'>;
  clusterSummary: Same<Wire.ClusterSummary, Engine.ClusterSummary, 'ClusterSummary'>;
  actionVerdict: Same<Wire.ActionVerdict, ActionVerdict, 'ActionVerdict'>;
  guardRefusal: Same<Wire.GuardRefusal, GuardRefusal, 'GuardRefusal'>;
  probeVerdict: Same<Wire.ProbeVerdict, ProbeVerdict, 'ProbeVerdict'>;
  exclusionCode: Same<Wire.ExclusionCode, ExclusionCode, 'ExclusionCode'>;
  planExclusion: Same<Wire.PlanExclusion, PlanExclusion, 'PlanExclusion'>;
  rolloutJudgement: Same<Wire.RolloutJudgement, RolloutJudgement, 'RolloutJudgement'>;
  planSkipCode: Same<PlanWire.PlanSkipCode, Plan.PlanSkipCode, 'PlanSkipCode'>;
  planTarget: Same<PlanWire.PlanTargetRow, Plan.PlanTarget, 'PlanTarget'>;
  planSkip: Same<PlanWire.PlanSkipRow, Plan.PlanSkip, 'PlanSkip'>;
};

/** The assertion itself: fails to compile unless every check above is `true`. */
export const wireMatchesEngine: { [K in keyof Checks]: true } = {} as WireMatchesEngine;
