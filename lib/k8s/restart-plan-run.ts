import 'server-only';
// The cluster-wide restart plan's server half (#14). The server owns a run: a reload, a second tab or
// another operator see the same progress (GET /api/v1/restart-plan, and `event: plan` on the stream),
// and one run at a time goes on per server. Each workload is restarted exactly like a single restart
// (restart.ts: resourceVersion precondition, idempotent, audited, a Kubernetes Event), then followed
// with the rollout follower (rollout.ts) until the engine's judgeTarget says its new pods are what they
// should be; the next wave starts only then. The first failure stops the plan and says why; cancel
// stops it before the next restart (rollouts already started go on, as `kubectl` would leave them).
import { randomUUID } from 'node:crypto';
import type { ClientIdentity } from '@/lib/api/client-identity';
import type { PlanRun, PlanRunTarget, PlanTargetRow, RestartPlanResponse } from '@/lib/api/dto';
import { isMeshwatchError, MeshwatchError } from '@/lib/api/errors';
import {
  clusterRestartPlan,
  fixableStatuses,
  judgeTarget,
  needsRestart,
  planWaves,
  restartGuard,
  type ClusterRestartPlan,
  type NamespaceAnalysis,
  type PodStatus,
} from '@/lib/mesh';
import { audit } from './audit';
import type { Clients } from './config';
import { WORKLOAD_RESOURCE, type AccessReviews } from './people/access-reviews';
import { guardCluster, namespaceCandidates, toGuardWorkload } from './guard';
import { restartWorkload } from './restart';
import { rolloutState } from './rollout';
import type { ClusterSource } from './source';
import { clusterAnalysis } from './source-analysis';

const POLL_MS = 2_000;

type Listener = (run: PlanRun) => void;

interface Runner {
  run?: PlanRun;
  cancel?: string;
  listeners: Set<Listener>;
}

const KEY = Symbol.for('meshwatch.restart-plan');

function runner(): Runner {
  return ((globalThis as Record<symbol, Runner | undefined>)[KEY] ??= { listeners: new Set() });
}

/** A snapshot of the current or last run (a copy: callers never see it change under them). */
export function currentRun(): PlanRun | undefined {
  const run = runner().run;
  return run ? structuredClone(run) : undefined;
}

/** The stream's `event: plan`: called on every change of the run. */
export function onPlanChange(listener: Listener): () => void {
  runner().listeners.add(listener);
  return () => runner().listeners.delete(listener);
}

function changed(run: PlanRun): void {
  for (const listener of runner().listeners) listener(structuredClone(run));
}

/** The analyses a plan reads: only namespaces with a pod that needs a restart. */
function analysesNeedingRestart(cache: ClusterSource): NamespaceAnalysis[] {
  cache.requireSynced();
  return clusterAnalysis(cache)
    .namespaces.filter((n) => needsRestart(n.statusCounts))
    .map((n) => cache.analysis.namespace(n.name))
    .filter((a): a is NamespaceAnalysis => a !== undefined);
}

export function planNow(cache: ClusterSource, only?: ReadonlySet<string>): ClusterRestartPlan {
  return clusterRestartPlan(analysesNeedingRestart(cache), {
    controlPlaneNamespace: clusterAnalysis(cache).cluster.controlPlaneNamespace,
    only,
  });
}

/** The engine's guard refusals for each namespace of the plan (a plan asks for one second confirmation). */
export function planRefusals(
  cache: ClusterSource,
  plan: ClusterRestartPlan,
): RestartPlanResponse['refusals'] {
  const cluster = guardCluster(cache);
  const out: RestartPlanResponse['refusals'] = [];
  for (const namespace of new Set(plan.targets.map((t) => t.namespace))) {
    const analysis = cache.analysis.namespace(namespace);
    if (!analysis) continue;
    const refusals = restartGuard({
      namespace,
      webhookCallsNamespace: !analysis.namespace.webhookExcluded,
      cluster,
      workloads: namespaceCandidates(analysis).map(toGuardWorkload),
      single: false,
    });
    for (const r of refusals) out.push({ namespace, code: r.code, message: r.message });
  }
  return out;
}

function stillToFix(cache: ClusterSource, t: PlanTargetRow): Partial<Record<PodStatus, number>> {
  const w = cache.analysis
    .namespace(t.namespace)
    ?.workloads.find((x) => x.kind === t.kind && x.name === t.name);
  return w ? fixableStatuses(w.statusCounts) : {};
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function finish(run: PlanRun, state: PlanRun['state'], reason?: string): void {
  run.state = state;
  run.finishedAt = new Date().toISOString();
  if (reason) run.reason = reason;
  for (const t of run.targets) if (t.state === 'pending') t.state = 'cancelled';
  changed(run);
}

async function follow(
  cache: ClusterSource,
  run: PlanRun,
  wave: PlanRunTarget[],
  since: number,
): Promise<string | undefined> {
  const completeSince = new Map<PlanRunTarget, number>();
  for (;;) {
    const rolling = wave.filter((t) => t.state === 'rolling');
    if (rolling.length === 0) return undefined;
    for (const t of rolling) {
      let view;
      try {
        view = await rolloutState(cache, t, since);
      } catch (err) {
        // A follower hiccup (API server briefly away) is not a failed rollout; a vanished workload is.
        if (isMeshwatchError(err) && err.code === 'not_found') {
          t.state = 'failed';
          t.reason = `it no longer exists: ${err.message}`;
          changed(run);
          return `${t.kind} ${t.name} in ${t.namespace}: ${t.reason}`;
        }
        continue;
      }
      const now = Date.now();
      if (view.phase === 'complete' && !completeSince.has(t)) completeSince.set(t, now);
      const [problem] = view.problems;
      const verdict = judgeTarget({
        rollout: view.phase,
        problem: problem ? `${problem.reason}: ${problem.message} — ${problem.fix}` : undefined,
        stalledForSeconds: view.stalledForSeconds,
        stillToFix: stillToFix(cache, t),
        completeSince: completeSince.get(t),
        now,
      });
      if (verdict.state === 'done') {
        t.state = 'done';
        changed(run);
      } else if (verdict.state === 'failed') {
        t.state = 'failed';
        t.reason = verdict.reason;
        changed(run);
        return `${t.kind} ${t.name} in ${t.namespace}: ${verdict.reason}`;
      }
    }
    if (runner().cancel === run.id) return undefined;
    await sleep(POLL_MS);
  }
}

/**
 * Restarts with the identity of whoever started the run: their clients (in `user` mode, their token) are
 * held by this closure, in memory only, until the run ends.
 */
async function execute(
  cache: ClusterSource,
  run: PlanRun,
  client: ClientIdentity,
  clients: Clients,
): Promise<void> {
  for (let w = 0; w < run.waves; w++) {
    run.wave = w;
    const wave = run.targets.filter((t) => t.wave === w);
    const since = Date.now();
    for (const t of wave) {
      if (runner().cancel === run.id)
        return finish(run, 'cancelled', 'Cancelled: no further workload was restarted.');
      t.state = 'restarting';
      changed(run);
      try {
        const result = await restartWorkload(
          clients,
          { namespace: t.namespace, kind: t.kind, name: t.name },
          { dryRun: false, client, pods: t.pods },
        );
        t.restartedAt = result.restartedAt;
        if (result.why) t.reason = result.why;
        t.state = 'rolling';
      } catch (err) {
        t.state = 'failed';
        t.reason = err instanceof Error ? err.message : String(err);
        return finish(
          run,
          'failed',
          `${t.kind} ${t.name} in ${t.namespace} could not be restarted: ${t.reason}`,
        );
      }
      changed(run);
    }
    const failure = await follow(cache, run, wave, since);
    if (failure) return finish(run, 'failed', `Stopped at wave ${w + 1} of ${run.waves}: ${failure}`);
    if (runner().cancel === run.id) {
      return finish(
        run,
        'cancelled',
        `Cancelled during wave ${w + 1}: its rollouts go on; no later wave was started.`,
      );
    }
  }
  finish(run, 'done');
}

export interface StartOptions {
  targets: PlanTargetRow[];
  waveSize: number;
  client: ClientIdentity;
  /** The starter's clients: every restart of the run is theirs. */
  clients: Clients;
  forced?: PlanRun['forced'];
}

export function startRun(cache: ClusterSource, opts: StartOptions): PlanRun {
  const r = runner();
  if (r.run?.state === 'running') {
    throw new MeshwatchError(
      'conflict',
      `A restart plan is already running (started ${r.run.startedAt} by ${r.run.by}): cancel it or wait for it to finish.`,
      409,
    );
  }
  const waves = planWaves(opts.targets, opts.waveSize);
  const run: PlanRun = {
    id: randomUUID(),
    state: 'running',
    waveSize: Math.max(1, Math.min(20, Math.floor(opts.waveSize))),
    waves: waves.length,
    wave: 0,
    targets: waves.flatMap((wave, i) => wave.map((t) => ({ ...t, wave: i, state: 'pending' as const }))),
    startedAt: new Date().toISOString(),
    by: opts.client.person?.username ?? opts.client.user ?? opts.client.client,
    ...(opts.forced && opts.forced.length > 0 ? { forced: opts.forced } : {}),
  };
  r.run = run;
  r.cancel = undefined;
  const target = { apiVersion: 'meshwatch/v1', kind: 'RestartPlan', namespace: '', name: run.id };
  void audit(null, {
    action: 'restart-plan',
    target,
    dryRun: false,
    client: opts.client,
    result: 'ok',
    detail: `started: ${run.targets.length} workloads in ${run.waves} waves of at most ${run.waveSize}`,
  });
  changed(run);
  void execute(cache, run, opts.client, opts.clients)
    .catch((err) =>
      finish(
        run,
        'failed',
        `The plan stopped on an unexpected error: ${err instanceof Error ? err.message : String(err)}`,
      ),
    )
    .then(() =>
      audit(null, {
        action: 'restart-plan',
        target,
        dryRun: false,
        client: opts.client,
        result: run.state === 'failed' ? 'error' : 'ok',
        detail: `${run.state}: ${run.targets.filter((t) => t.state === 'done').length}/${run.targets.length} workloads done${run.reason ? ` — ${run.reason}` : ''}`,
      }),
    );
  return structuredClone(run);
}

/** Why this person may not stop the run: a workload kind in a namespace of it they may not restart. */
async function cancelRefusal(run: PlanRun, who: string, reviews: AccessReviews): Promise<string | undefined> {
  const pairs = new Map<string, { namespace: string; group: string; resource: string }>();
  for (const t of run.targets) {
    const { group, resource } = WORKLOAD_RESOURCE[t.kind]!;
    pairs.set(`${t.namespace}/${resource}`, { namespace: t.namespace, group, resource });
  }
  for (const { namespace, group, resource } of pairs.values()) {
    const answer = await reviews.may({ verb: 'patch', group, resource, namespace });
    if (!answer.allowed)
      return `${who} may not stop this restart plan: it restarts ${resource} in ${namespace}, which ${who} may not patch.`;
  }
  return undefined;
}

/** `reviews`: the person's, in `user` mode (only someone allowed to restart the run's workloads may stop it). */
export async function cancelRun(
  id: string,
  client: ClientIdentity,
  reviews?: AccessReviews,
): Promise<PlanRun> {
  const r = runner();
  if (!r.run || r.run.id !== id)
    throw new MeshwatchError('not_found', `No restart plan ${id} on this server.`, 404);
  if (r.run.state !== 'running') {
    throw new MeshwatchError('conflict', `Restart plan ${id} is not running (it is ${r.run.state}).`, 409);
  }
  if (reviews) {
    const refusal = await cancelRefusal(r.run, client.person?.username ?? client.client, reviews);
    if (refusal) throw new MeshwatchError('forbidden', refusal);
  }
  r.cancel = id;
  await audit(null, {
    action: 'restart-plan',
    target: { apiVersion: 'meshwatch/v1', kind: 'RestartPlan', namespace: '', name: id },
    dryRun: false,
    client,
    result: 'ok',
    detail: 'cancel asked: no further workload will be restarted',
  });
  return structuredClone(r.run);
}
