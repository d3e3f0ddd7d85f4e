import { jsonResponse } from '@/lib/api/errors';
import { mutationRoute } from '@/lib/api/route';
import { clientAddress } from '@/lib/api/security';
import { readJsonObject } from '@/lib/api/request-body';
import { cancelPlanRequest } from '@/lib/api/validate';
import { cancelRun } from '@/lib/k8s/restart-plan-run';

// Stops a running plan before its next restart; rollouts already started go on.
export const POST = mutationRoute(async (request) => {
  const { id } = cancelPlanRequest(await readJsonObject(request));
  return jsonResponse({ run: await cancelRun(id, clientAddress(request)) });
});
