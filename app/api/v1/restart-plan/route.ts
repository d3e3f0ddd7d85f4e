import type { RestartPlanResponse, RestartPlanStartResponse, RestartResult } from '@/lib/api/dto';
import { jsonResponse } from '@/lib/api/errors';
import { readJsonObject } from '@/lib/api/request-body';
import { restartPlanRequest } from '@/lib/api/validate';
import { planWaves } from '@/lib/mesh';
import { getCache } from '@/lib/k8s/cache';
import { restartWorkload } from '@/lib/k8s/restart';
import { guardPlan } from '@/lib/k8s/guard';
import { seen, visibleNamespaces } from '@/lib/k8s/people/viewer';
import { currentRun, planNow, planRefusals, startRun } from '@/lib/k8s/restart-plan-run';
import { personMutation, personRoute } from '@/lib/server/person-route';

// The cluster-wide restart plan: GET what it would do now (and the current or last run), POST to dry-run
// or start it. The server owns the run; progress is on GET and on the stream (`event: plan`). In `user`
// mode the plan covers the namespaces the person sees, and the run restarts with their own identity.
export const GET = personRoute(async (_request, _context, viewer) => {
  const cache = getCache();
  const visible = await visibleNamespaces(viewer, cache);
  const plan = planNow(cache, visible === 'all' ? undefined : visible);
  const run = currentRun();
  const body: RestartPlanResponse = {
    targets: plan.targets,
    skipped: plan.skipped,
    refusals: planRefusals(cache, plan),
    ...(run ? { run: { ...run, targets: seen(run.targets, visible) } } : {}),
    freshness: cache.freshness(),
  };
  return jsonResponse(body);
});

export const POST = personMutation(async (request, _context, viewer) => {
  const { namespaces, waveSize, dryRun, force } = restartPlanRequest(await readJsonObject(request));
  const cache = getCache();
  const visible = await visibleNamespaces(viewer, cache);
  const asked = namespaces.length > 0 ? new Set(namespaces) : undefined;
  const only = visible === 'all' ? asked : new Set([...(asked ?? visible)].filter((n) => visible.has(n)));
  const plan = planNow(cache, only);
  const client = viewer.identity;
  const forced = await guardPlan(planRefusals(cache, plan), { client, force, dryRun });
  const waves = planWaves(plan.targets, waveSize);
  const clients = viewer.clients();
  if (dryRun) {
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
  const run = startRun(cache, { targets: plan.targets, waveSize, client, clients, forced });
  const body: RestartPlanStartResponse = { dryRun: false, waves, run };
  return jsonResponse(body, 202);
});
