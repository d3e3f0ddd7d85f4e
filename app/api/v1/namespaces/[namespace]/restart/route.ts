import { jsonResponse } from '@/lib/api/errors';
import { readJsonObject } from '@/lib/api/request-body';
import { namespaceName, restartRequest } from '@/lib/api/validate';
import { restartPlan } from '@/lib/mesh';
import { getCache } from '@/lib/k8s/cache';
import { guardRestart } from '@/lib/k8s/guard';
import { restartNamespace } from '@/lib/k8s/restart';
import { namespaceAnalysis } from '@/lib/k8s/source-analysis';
import { requireVisible } from '@/lib/k8s/people/viewer';
import { personMutation } from '@/lib/server/person-route';

type Context = { params: Promise<{ namespace: string }> };

export const POST = personMutation(async (request, { params }: Context, viewer) => {
  const namespace = namespaceName((await params).namespace);
  const { dryRun, force } = restartRequest(await readJsonObject(request));
  const cache = getCache();
  cache.requireSynced();
  await requireVisible(viewer, namespace);
  const analysis = namespaceAnalysis(cache, namespace);
  const client = viewer.identity;
  const forced = await guardRestart(cache, analysis, { dryRun, client, force });
  const response = await restartNamespace(viewer.clients(), analysis, { dryRun, client });
  const { exclusions } = restartPlan(analysis);
  return jsonResponse({
    ...response,
    ...(exclusions.length > 0 ? { notReplaced: exclusions } : {}),
    ...(forced.length > 0 ? { forced } : {}),
  });
});
