import { jsonResponse } from '@/lib/api/errors';
import { apiRoute } from '@/lib/api/route';
import { namespaceName, objectName } from '@/lib/api/validate';
import { getCache } from '@/lib/k8s/cache';
import { podView } from '@/lib/server/responses';

type Context = { params: Promise<{ namespace: string; pod: string }> };

export const GET = apiRoute(async (_request, { params }: Context) => {
  const { namespace, pod } = await params;
  return jsonResponse(await podView(getCache(), namespaceName(namespace), objectName(pod, 'pod name')));
});
