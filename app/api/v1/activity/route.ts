import type { ActivityResponse } from '@/lib/api/dto';
import { jsonResponse } from '@/lib/api/errors';
import { apiRoute } from '@/lib/api/route';
import { recentActivity } from '@/lib/k8s/audit';

export const GET = apiRoute(() => {
  const response: ActivityResponse = { entries: recentActivity() };
  return jsonResponse(response);
});
