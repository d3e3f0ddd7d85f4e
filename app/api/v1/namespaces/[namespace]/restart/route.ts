import { jsonResponse } from '@/lib/api/errors';
import { mutationRoute } from '@/lib/api/route';
import { clientAddress } from '@/lib/api/security';
import { namespaceName, readJsonObject, restartRequest } from '@/lib/api/validate';
import { getCache } from '@/lib/k8s/cache';
import { restartNamespace } from '@/lib/k8s/restart';
import { clientsOf, namespaceAnalysis } from '@/lib/k8s/views';

type Context = { params: Promise<{ namespace: string }> };

export const POST = mutationRoute(async (request, { params }: Context) => {
  const namespace = namespaceName((await params).namespace);
  const { dryRun } = restartRequest(await readJsonObject(request));
  const cache = getCache();
  const analysis = namespaceAnalysis(cache, namespace);
  return jsonResponse(
    await restartNamespace(clientsOf(cache), analysis, { dryRun, client: clientAddress(request) }),
  );
});
