import { entryNamespace } from '@/lib/api/activity';
import { jsonResponse } from '@/lib/api/errors';
import { activityView } from '@/lib/k8s/activity';
import { getCache } from '@/lib/k8s/cache';
import { visibleNamespaces } from '@/lib/k8s/people/viewer';
import { personRoute } from '@/lib/server/person-route';

// meshwatch's own Kubernetes Events (they outlive the server) merged with its in-memory ring; in `user`
// mode only what happened in the person's namespaces (cluster-wide entries for cluster-wide viewers).
export const GET = personRoute(async (_request, _context, viewer) => {
  const cache = getCache();
  const view = await activityView(cache.clients);
  const visible = await visibleNamespaces(viewer, cache);
  if (visible === 'all') return jsonResponse(view);
  return jsonResponse({
    ...view,
    entries: view.entries.filter((e) => visible.has(entryNamespace(e.target))),
  });
});
