import { jsonResponse } from '@/lib/api/errors';
import { readJsonObject } from '@/lib/api/request-body';
import { lintFixRequest, namespaceName } from '@/lib/api/validate';
import { getCache } from '@/lib/k8s/cache';
import { requirePatch, requireVisible } from '@/lib/k8s/people/viewer';
import { metadataChangeView } from '@/lib/server/metadata-change-response';
import { fixLint } from '@/lib/k8s/metadata-actions';
import { personMutation } from '@/lib/server/person-route';

type Context = { params: Promise<{ namespace: string }> };

/** Apply the engine's fix for one of the namespace's lints. */
export const POST = personMutation(async (request, { params }: Context, viewer) => {
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
  await requireVisible(viewer, name);
  await requirePatch(viewer, { kind: 'Namespace', namespace: name, name });
  const client = viewer.identity;
  const outcome = await fixLint(cache, { kind: 'Namespace', name }, code, value, {
    dryRun,
    force,
    resourceVersion,
    client,
    clients: viewer.clients(),
  });
  return jsonResponse(metadataChangeView(outcome, dryRun));
});
