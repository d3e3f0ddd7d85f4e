import { jsonResponse } from '@/lib/api/errors';
import { apiRoute } from '@/lib/api/route';
import { activityView } from '@/lib/k8s/activity';
import { getCache } from '@/lib/k8s/cache';

// meshwatch's own Kubernetes Events (they outlive the server) merged with its in-memory ring.
export const GET = apiRoute(async () => jsonResponse(await activityView(getCache().clients)));
