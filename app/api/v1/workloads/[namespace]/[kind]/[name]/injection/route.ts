import { jsonResponse } from '@/lib/api/errors';
import { readJsonObject } from '@/lib/api/request-body';
import { namespaceName, objectName, templateKind, workloadInjectionRequest } from '@/lib/api/validate';
import { getCache } from '@/lib/k8s/cache';
import { requirePatch, requireVisible } from '@/lib/k8s/people/viewer';
import { metadataChangeView } from '@/lib/server/metadata-change-response';
import { setWorkloadInjection } from '@/lib/k8s/metadata-actions';
import { personMutation } from '@/lib/server/person-route';

type Context = { params: Promise<{ namespace: string; kind: string; name: string }> };

/** Enable / disable / remove `linkerd.io/inject` on a workload's pod template. */
export const POST = personMutation(async (request, { params }: Context, viewer) => {
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
  await requireVisible(viewer, namespace);
  await requirePatch(viewer, { kind, namespace, name });
  const client = viewer.identity;
  const outcome = await setWorkloadInjection(cache, { kind, namespace, name }, value, {
    dryRun,
    force,
    resourceVersion,
    client,
    clients: viewer.clients(),
  });
  return jsonResponse(metadataChangeView(outcome, dryRun));
});
