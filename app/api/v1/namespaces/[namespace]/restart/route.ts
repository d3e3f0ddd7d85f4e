import { jsonResponse } from '@/lib/api/errors';
import { mutationRoute } from '@/lib/api/route';
import { clientAddress } from '@/lib/api/security';
import { readJsonObject } from '@/lib/api/request-body';
import { namespaceName, restartRequest } from '@/lib/api/validate';
import { restartPlan } from '@/lib/mesh';
import { getCache } from '@/lib/k8s/cache';
import { guardRestart } from '@/lib/k8s/guard';
import { restartNamespace } from '@/lib/k8s/restart';
import { clientsOf, namespaceAnalysis } from '@/lib/k8s/source-analysis';

type Context = { params: Promise<{ namespace: string }> };

export const POST = mutationRoute(async (request, { params }: Context) => {
  const namespace = namespaceName((await params).namespace);
  const { dryRun, force } = restartRequest(await readJsonObject(request));
  const cache = getCache();
  const analysis = namespaceAnalysis(cache, namespace);
  const client = clientAddress(request);
  const forced = await guardRestart(cache, analysis, { dryRun, client, force });
  const response = await restartNamespace(clientsOf(cache), analysis, { dryRun, client });
  const { exclusions } = restartPlan(analysis);
  return jsonResponse({
    ...response,
    ...(exclusions.length > 0 ? { notReplaced: exclusions } : {}),
    ...(forced.length > 0 ? { forced } : {}),
  });
});
