import { jsonResponse } from '@/lib/api/errors';
import { mutationRoute } from '@/lib/api/route';
import { clientAddress } from '@/lib/api/security';
import { readJsonObject } from '@/lib/api/request-body';
import { lintFixRequest, namespaceName, objectName, templateKind } from '@/lib/api/validate';
import { getCache } from '@/lib/k8s/cache';
import { metadataChangeView } from '@/lib/server/metadata-change-response';
import { fixLint } from '@/lib/k8s/metadata-actions';

type Context = { params: Promise<{ namespace: string; kind: string; name: string }> };

/** Apply the engine's fix for one of the workload's lints. */
export const POST = mutationRoute(async (request, { params }: Context) => {
  const p = await params;
  const namespace = namespaceName(p.namespace);
  const kind = templateKind(p.kind);
  const name = objectName(p.name);
  const {
    code,
    value,
    dryRun = false,
    force = false,
    resourceVersion,
  } = lintFixRequest(await readJsonObject(request));
  const cache = getCache();
  cache.requireSynced();
  const client = clientAddress(request);
  const outcome = await fixLint(cache, { kind, namespace, name }, code, value, {
    dryRun,
    force,
    resourceVersion,
    client,
  });
  return jsonResponse(metadataChangeView(outcome, dryRun));
});
