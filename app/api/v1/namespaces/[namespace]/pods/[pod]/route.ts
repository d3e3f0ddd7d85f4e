import { jsonResponse } from '@/lib/api/errors';
import { namespaceName, objectName } from '@/lib/api/validate';
import { getCache } from '@/lib/k8s/cache';
import { requireVisible } from '@/lib/k8s/people/viewer';
import { podView } from '@/lib/server/responses';
import { personRoute } from '@/lib/server/person-route';

type Context = { params: Promise<{ namespace: string; pod: string }> };

export const GET = personRoute(async (_request, { params }: Context, viewer) => {
  const { namespace, pod } = await params;
  await requireVisible(viewer, namespaceName(namespace));
  return jsonResponse(await podView(getCache(), namespaceName(namespace), objectName(pod, 'pod name')));
});
