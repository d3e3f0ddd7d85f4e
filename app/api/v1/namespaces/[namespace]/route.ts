import { namespaceName } from '@/lib/api/validate';
import { getCache } from '@/lib/k8s/cache';
import { requireVisible } from '@/lib/k8s/people/viewer';
import { namespaceResponse } from '@/lib/server/response-bodies';
import { personRoute } from '@/lib/server/person-route';

type Context = { params: Promise<{ namespace: string }> };

export const GET = personRoute(async (request, { params }: Context, viewer) => {
  const namespace = namespaceName((await params).namespace);
  await requireVisible(viewer, namespace);
  return namespaceResponse(request, getCache(), namespace);
});
