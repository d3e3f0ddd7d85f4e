import { jsonResponse } from '@/lib/api/errors';
import { apiRoute } from '@/lib/api/route';
import { getCache } from '@/lib/k8s/cache';
import { contextView } from '@/lib/server/responses';

export const GET = apiRoute(() => jsonResponse(contextView(getCache())));
