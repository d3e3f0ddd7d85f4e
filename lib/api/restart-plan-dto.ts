// The cluster-wide restart plan's part of the JSON contract (#14): GET/POST /api/v1/restart-plan and
// its cancel. Type-only; clients import these through lib/api/dto.ts, which re-exports them. The target
// and skip rows are written out again on purpose (the API's types never import the engine's);
// lib/server/contract.ts makes tsc fail if they and lib/mesh/cluster-restart-plan.ts drift apart.
import type { z } from 'zod';
import type { Freshness, RestartResult } from './dto';
import type { cancelPlanBody, restartPlanBody } from './validate';
import type { ExclusionCode, PodStatus } from './wire';

export type PlanSkipCode = ExclusionCode | 'control_plane';

/** A workload the plan restarts, with the pods a restart fixes, by status. */
export interface PlanTargetRow {
  namespace: string;
  kind: 'Deployment' | 'StatefulSet' | 'DaemonSet';
  name: string;
  pods: number;
  statuses: Partial<Record<PodStatus, number>>;
}

export interface PlanSkipRow {
  namespace: string;
  code: PlanSkipCode;
  kind: string;
  name: string;
  pods: number;
  action: string;
}

export type PlanTargetState = 'pending' | 'restarting' | 'rolling' | 'done' | 'failed' | 'cancelled';

export interface PlanRunTarget extends PlanTargetRow {
  wave: number;
  state: PlanTargetState;
  /** Why it failed, or what the restart said (OnDelete, already restarting). */
  reason?: string;
  restartedAt?: string;
}

export interface PlanRun {
  id: string;
  state: 'running' | 'done' | 'failed' | 'cancelled';
  waveSize: number;
  waves: number;
  /** The wave running now (0-based), or the last one that ran. */
  wave: number;
  targets: PlanRunTarget[];
  startedAt: string;
  finishedAt?: string;
  /** Why the plan stopped (failed or cancelled). */
  reason?: string;
  /** Who started it (client address, or the proxy-named user). */
  by: string;
  /** Guard refusals the starter overrode with "force". */
  forced?: { code: string; message: string; namespace: string }[];
}

/** GET /api/v1/restart-plan: what a plan would do now, and the server's current or last run. */
export interface RestartPlanResponse {
  targets: PlanTargetRow[];
  skipped: PlanSkipRow[];
  /** What a plan must override: the engine's guard refusals, per namespace (injector down, excluded…). */
  refusals: { namespace: string; code: string; message: string }[];
  run?: PlanRun;
  freshness: Freshness;
}

/** POST /api/v1/restart-plan body. */
export type RestartPlanRequest = z.input<typeof restartPlanBody>;
/** POST /api/v1/restart-plan/cancel body. */
export type CancelPlanRequest = z.input<typeof cancelPlanBody>;

/** POST /api/v1/restart-plan answer: the dry run's waves and per-workload answers, or the run started. */
export interface RestartPlanStartResponse {
  dryRun: boolean;
  waves: PlanTargetRow[][];
  /** The dry run's answer for each workload (the API server's, with dryRun=All). */
  results?: RestartResult[];
  run?: PlanRun;
}
