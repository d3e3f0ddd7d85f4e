// The engine's public API. Pure: plain records in, verdicts out.
// Relative imports carry `.ts` so `node --experimental-strip-types` (scripts/bench-engine.ts) loads them as is.
export type * from './types.ts';
export { POD_STATUSES, RESTART_FIXES } from './types.ts';
export { analyzeCluster, analyzeNamespace, explainPod } from './analyze.ts';
export { combineAnalyses, namespaceAnalysisOf, scopeCluster } from './combine.ts';
export { annotationRule, decideInjection, type DecisionInput, type NamespaceFacts } from './decision.ts';
export { matchesSelector, describeSelector } from './selector.ts';
export { TOKEN_MOUNT_PATH, podTokenMount, type TokenMountEvidence } from './automount.ts';
export {
  ADMISSION_WEBHOOKS_LABEL,
  CONTROL_PLANE_COMPONENT_LABEL,
  CONTROL_PLANE_NS_LABEL,
  CREATED_BY_ANNOTATION,
  INJECT_ANNOTATION,
  INJECT_VALUES,
  LEGACY_AUTO_INJECT_LABEL,
  NAMESPACE_NAME_LABEL,
  NATIVE_SIDECAR_ANNOTATIONS,
  PROXY_VERSION_ANNOTATION,
  RESTARTED_AT_ANNOTATION,
  isValidInjectValue,
  type InjectValue,
} from './annotations.ts';
export { REASONS, REASON_ORDER, type ReasonEntry } from './reasons.ts';
export { LINTS, type LintEntry } from './lints.ts';
export { PAUSED_DEPLOYMENT_MESSAGE, restartability } from './restartability.ts';
export { restartInProgress, rolloutComplete, type RolloutStatus } from './rollout-progress.ts';
export { isCounted, isFailed, needsRestart, podsNeedingRestart } from './aggregate.ts';
export { namespaceAttention, workloadAttention } from './attention.ts';
export { PROXY_CONTAINER_NAME } from './sidecar.ts';
export { injectorEvidence, type InjectorEventFact } from './injector-evidence.ts';
export {
  MAX_WAVE_SIZE,
  SETTLE_MS,
  clusterRestartPlan,
  fixableStatuses,
  judgeTarget,
  planWaves,
  type ClusterRestartPlan,
  type PlanSkip,
  type PlanSkipCode,
  type PlanTarget,
  type TargetCheck,
  type TargetJudgement,
} from './cluster-restart-plan.ts';
export {
  SYSTEM_NAMESPACES,
  guardMessage,
  injectionGuard,
  injectorDown,
  namespaceGuard,
  restartGuard,
  type GuardCluster,
  type GuardCode,
  type GuardRefusal,
  type GuardWorkload,
  type RestartGuardInput,
} from './guards.ts';
export {
  isWebhookError,
  judgeProbe,
  PROBE_STATES,
  type ProbeContext,
  type ProbeObservation,
  type ProbeState,
  type ProbeVerdict,
} from './probe.ts';
export {
  exclusionCode,
  restartPlan,
  type ExclusionCode,
  type PlanExclusion,
  type RestartPlan,
} from './restart-plan.ts';
export {
  STATUS_SENTENCES,
  barTone,
  podWhy,
  reasonSentence,
  statusSentence,
  type BarTone,
} from './status-words.ts';
export {
  judgeRollout,
  lostStatefulSetPods,
  problemFix,
  type RolloutConditionRecord,
  type RolloutEventRecord,
  type RolloutFacts,
  type RolloutJudgement,
  type RolloutProblem,
} from './rollout.ts';
export {
  namespaceInjectionVerdict,
  workloadRestartVerdict,
  type ActionVerdict,
  type CannotHelpCode,
  type WorkloadRestartInput,
} from './action-verdict.ts';
