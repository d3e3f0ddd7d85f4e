import { jsonResponse } from '@/lib/api/errors';
import { mutationRoute } from '@/lib/api/route';
import { clientAddress } from '@/lib/api/security';
import { readJsonObject } from '@/lib/api/request-body';
import { lintFixRequest, namespaceName } from '@/lib/api/validate';
import { getCache } from '@/lib/k8s/cache';
import { metadataChangeView } from '@/lib/server/metadata-change-response';
import { fixLint } from '@/lib/k8s/metadata-actions';

type Context = { params: Promise<{ namespace: string }> };

/** Apply the engine's fix for one of the namespace's lints. */
export const POST = mutationRoute(async (request, { params }: Context) => {
  const name = namespaceName((await params).namespace);
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
  const outcome = await fixLint(cache, { kind: 'Namespace', name }, code, value, {
    dryRun,
    force,
    resourceVersion,
    client,
  });
  return jsonResponse(metadataChangeView(outcome, dryRun));
});
