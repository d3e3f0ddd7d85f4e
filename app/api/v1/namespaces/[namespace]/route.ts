import { apiRoute } from '@/lib/api/route';
import { namespaceName } from '@/lib/api/validate';
import { getCache } from '@/lib/k8s/cache';
import { namespaceResponse } from '@/lib/server/response-bodies';

type Context = { params: Promise<{ namespace: string }> };

export const GET = apiRoute(async (request, { params }: Context) => {
  const namespace = namespaceName((await params).namespace);
  return namespaceResponse(request, getCache(), namespace);
});
