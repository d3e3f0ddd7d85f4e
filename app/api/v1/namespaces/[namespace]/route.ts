import { jsonResponse } from '@/lib/api/errors';
import { apiRoute } from '@/lib/api/route';
import { namespaceName } from '@/lib/api/validate';
import { getCache } from '@/lib/k8s/cache';
import { namespaceView } from '@/lib/k8s/views';

type Context = { params: Promise<{ namespace: string }> };

export const GET = apiRoute(async (_request, { params }: Context) => {
  const namespace = namespaceName((await params).namespace);
  return jsonResponse(namespaceView(getCache(), namespace));
});
