import { jsonResponse } from '@/lib/api/errors';
import { mutationRoute } from '@/lib/api/route';
import { clientAddress } from '@/lib/api/security';
import { readJsonObject } from '@/lib/api/request-body';
import { injectionRequest, namespaceName } from '@/lib/api/validate';
import { getCache } from '@/lib/k8s/cache';
import { guardInjection } from '@/lib/k8s/guard';
import { setNamespaceInjection } from '@/lib/k8s/injection';
import { clientsOf } from '@/lib/k8s/source-analysis';
import { injectionView } from '@/lib/server/responses';

type Context = { params: Promise<{ namespace: string }> };

export const POST = mutationRoute(async (request, { params }: Context) => {
  const namespace = namespaceName((await params).namespace);
  const { value, dryRun, force } = injectionRequest(await readJsonObject(request));
  const cache = getCache();
  cache.requireSynced();
  const client = clientAddress(request);
  await guardInjection(cache, { namespace, dryRun, client, force });
  const { previousValue, patched } = await setNamespaceInjection(clientsOf(cache), {
    namespace,
    value,
    dryRun,
    client,
  });
  return jsonResponse(injectionView(cache, patched, { previousValue, value, dryRun }));
});
