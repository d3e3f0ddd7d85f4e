import type { RestartResponse } from '@/lib/api/dto';
import { jsonResponse } from '@/lib/api/errors';
import { readJsonObject } from '@/lib/api/request-body';
import { namespaceName, objectName, restartRequest, restartableKind } from '@/lib/api/validate';
import { getCache } from '@/lib/k8s/cache';
import { restartWorkload } from '@/lib/k8s/restart';
import { guardRestart } from '@/lib/k8s/guard';
import { namespaceAnalysis, workloadPods } from '@/lib/k8s/source-analysis';
import { requirePatch, requireVisible } from '@/lib/k8s/people/viewer';
import { personMutation } from '@/lib/server/person-route';

type Context = { params: Promise<{ namespace: string; kind: string; name: string }> };

export const POST = personMutation(async (request, { params }: Context, viewer) => {
  const raw = await params;
  const target = {
    namespace: namespaceName(raw.namespace),
    kind: restartableKind(raw.kind),
    name: objectName(raw.name, 'workload name'),
  };
  const { dryRun, force } = restartRequest(await readJsonObject(request));
  const cache = getCache();
  cache.requireSynced();
  await requireVisible(viewer, target.namespace);
  await requirePatch(viewer, target);
  const client = viewer.identity;
  const forced = await guardRestart(cache, namespaceAnalysis(cache, target.namespace), {
    dryRun,
    client,
    force,
    workload: target,
  });
  const pods = workloadPods(cache, target.namespace, target.kind, target.name);
  const result = await restartWorkload(viewer.clients(), target, { dryRun, client, pods });
  const response: RestartResponse = { dryRun, results: [result], ...(forced.length > 0 ? { forced } : {}) };
  return jsonResponse(response);
});
