import { apiRoute } from '@/lib/api/route';
import { getCache } from '@/lib/k8s/cache';
import { overviewResponse } from '@/lib/server/response-bodies';

export const GET = apiRoute((request) => overviewResponse(request, getCache()));
