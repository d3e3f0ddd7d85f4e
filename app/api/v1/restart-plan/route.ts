import type { RestartPlanResponse, RestartPlanStartResponse, RestartResult } from '@/lib/api/dto';
import { jsonResponse } from '@/lib/api/errors';
import { apiRoute, mutationRoute } from '@/lib/api/route';
import { clientAddress } from '@/lib/api/security';
import { readJsonObject } from '@/lib/api/request-body';
import { restartPlanRequest } from '@/lib/api/validate';
import { planWaves } from '@/lib/mesh';
import { getCache } from '@/lib/k8s/cache';
import { restartWorkload } from '@/lib/k8s/restart';
import { guardPlan } from '@/lib/k8s/guard';
import { currentRun, planNow, planRefusals, startRun } from '@/lib/k8s/restart-plan-run';
import { clientsOf } from '@/lib/k8s/source-analysis';

// The cluster-wide restart plan: GET what it would do now (and the current or last run), POST to dry-run
// or start it. The server owns the run; progress is on GET and on the stream (`event: plan`).
export const GET = apiRoute(() => {
  const cache = getCache();
  const plan = planNow(cache);
  const run = currentRun();
  const body: RestartPlanResponse = {
    targets: plan.targets,
    skipped: plan.skipped,
    refusals: planRefusals(cache, plan),
    ...(run ? { run } : {}),
    freshness: cache.freshness(),
  };
  return jsonResponse(body);
});

export const POST = mutationRoute(async (request) => {
  const { namespaces, waveSize, dryRun, force } = restartPlanRequest(await readJsonObject(request));
  const cache = getCache();
  const plan = planNow(cache, namespaces.length > 0 ? new Set(namespaces) : undefined);
  const client = clientAddress(request);
  const forced = await guardPlan(planRefusals(cache, plan), { client, force, dryRun });
  const waves = planWaves(plan.targets, waveSize);
  if (dryRun) {
    const clients = clientsOf(cache);
    const results: RestartResult[] = [];
    for (const t of plan.targets) {
      const target = { namespace: t.namespace, kind: t.kind, name: t.name };
      try {
        results.push(await restartWorkload(clients, target, { dryRun: true, client, pods: t.pods }));
      } catch (err) {
        results.push({
          ...target,
          result: 'failed',
          why: err instanceof Error ? err.message : String(err),
          pods: t.pods,
        });
      }
    }
    const body: RestartPlanStartResponse = { dryRun: true, waves, results };
    return jsonResponse(body);
  }
  const run = startRun(cache, { targets: plan.targets, waveSize, client, forced });
  const body: RestartPlanStartResponse = { dryRun: false, waves, run };
  return jsonResponse(body, 202);
});
