import { jsonResponse } from '@/lib/api/errors';
import { readJsonObject } from '@/lib/api/request-body';
import { injectionRequest, namespaceName } from '@/lib/api/validate';
import { getCache } from '@/lib/k8s/cache';
import { guardInjection } from '@/lib/k8s/guard';
import { setNamespaceInjection } from '@/lib/k8s/injection';
import { requirePatch, requireVisible } from '@/lib/k8s/people/viewer';
import { injectionView } from '@/lib/server/responses';
import { personMutation } from '@/lib/server/person-route';

type Context = { params: Promise<{ namespace: string }> };

export const POST = personMutation(async (request, { params }: Context, viewer) => {
  const namespace = namespaceName((await params).namespace);
  const { value, dryRun, force } = injectionRequest(await readJsonObject(request));
  const cache = getCache();
  cache.requireSynced();
  await requireVisible(viewer, namespace);
  await requirePatch(viewer, { kind: 'Namespace', namespace, name: namespace });
  const client = viewer.identity;
  await guardInjection(cache, { namespace, dryRun, client, force });
  const { previousValue, patched } = await setNamespaceInjection(viewer.clients(), {
    namespace,
    value,
    dryRun,
    client,
  });
  return jsonResponse(injectionView(cache, patched, { previousValue, value, dryRun }));
});
