import { jsonResponse } from '@/lib/api/errors';
import { getCache } from '@/lib/k8s/cache';
import { contextView } from '@/lib/server/responses';
import { personRoute } from '@/lib/server/person-route';

export const GET = personRoute(() => jsonResponse(contextView(getCache())));
