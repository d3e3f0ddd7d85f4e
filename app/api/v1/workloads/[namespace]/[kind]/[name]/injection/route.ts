import { jsonResponse } from '@/lib/api/errors';
import { mutationRoute } from '@/lib/api/route';
import { clientAddress } from '@/lib/api/security';
import { namespaceName, objectName, readJsonObject } from '@/lib/api/validate';
import { templateKind, workloadInjectionRequest } from '@/lib/api/workload-injection';
import { getCache } from '@/lib/k8s/cache';
import { setWorkloadInjection } from '@/lib/k8s/metadata-actions';

type Context = { params: Promise<{ namespace: string; kind: string; name: string }> };

/** Enable / disable / remove `linkerd.io/inject` on a workload's pod template. */
export const POST = mutationRoute(async (request, { params }: Context) => {
  const p = await params;
  const namespace = namespaceName(p.namespace);
  const kind = templateKind(p.kind);
  const name = objectName(p.name);
  const {
    value,
    dryRun = false,
    force = false,
    resourceVersion,
  } = workloadInjectionRequest(await readJsonObject(request));
  const cache = getCache();
  cache.requireSynced();
  const client = clientAddress(request);
  return jsonResponse(
    await setWorkloadInjection(cache, { kind, namespace, name }, value, {
      dryRun,
      force,
      resourceVersion,
      client,
    }),
  );
});
