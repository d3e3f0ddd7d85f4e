import { jsonResponse } from '@/lib/api/errors';
import { readJsonObject } from '@/lib/api/request-body';
import { cancelPlanRequest } from '@/lib/api/validate';
import { cancelRun } from '@/lib/k8s/restart-plan-run';
import { personMutation } from '@/lib/server/person-route';

// Stops a running plan before its next restart; rollouts already started go on. In `user` mode only
// someone allowed to restart every workload of the run may stop it.
export const POST = personMutation(async (request, _context, viewer) => {
  const { id } = cancelPlanRequest(await readJsonObject(request));
  return jsonResponse({ run: await cancelRun(id, viewer.identity, viewer.reviews) });
});
