import { jsonResponse } from '@/lib/api/errors';
import { mutationRoute } from '@/lib/api/route';
import { clientAddress } from '@/lib/api/security';
import { readJsonObject } from '@/lib/api/request-body';
import { namespaceName, objectName, templateKind, workloadInjectionRequest } from '@/lib/api/validate';
import { getCache } from '@/lib/k8s/cache';
import { metadataChangeView } from '@/lib/server/metadata-change-response';
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
  const outcome = await setWorkloadInjection(cache, { kind, namespace, name }, value, {
    dryRun,
    force,
    resourceVersion,
    client,
  });
  return jsonResponse(metadataChangeView(outcome, dryRun));
});
