import 'server-only';
// What the acting identity may do — the person's own in `user` mode, meshwatch's otherwise — asked of the
// API server with SelfSubjectAccessReviews made with that identity's credential: at cluster scope, or in
// one namespace (what a namespace page's buttons need: a Role there counts). The action itself still
// answers 403 or not; this only lets the UI explain a turned-off button before anyone clicks.
import type { Capability } from '@/lib/api/dto';
import type { AccessReviews } from './people/access-reviews';

interface Check {
  verb: string;
  group: string;
  resource: string;
}

const CHECKS: Record<Capability, Check> = {
  patchNamespaces: { verb: 'patch', group: '', resource: 'namespaces' },
  patchDeployments: { verb: 'patch', group: 'apps', resource: 'deployments' },
  patchStatefulSets: { verb: 'patch', group: 'apps', resource: 'statefulsets' },
  patchDaemonSets: { verb: 'patch', group: 'apps', resource: 'daemonsets' },
  patchCronJobs: { verb: 'patch', group: 'batch', resource: 'cronjobs' },
  createEvents: { verb: 'create', group: '', resource: 'events' },
};

export const CAPABILITIES = Object.keys(CHECKS) as Capability[];

export interface Access {
  can: Record<Capability, boolean>;
  why: Partial<Record<Capability, string>>;
}

/**
 * `who` names the identity in the reasons ("alice", or "meshwatch's Kubernetes identity"). A namespace's
 * own object is asked for by name, as the API server authorizes a PATCH of it.
 */
export async function reviewAccess(reviews: AccessReviews, who: string, namespace?: string): Promise<Access> {
  const answers = await Promise.all(
    CAPABILITIES.map((capability) => {
      const check = CHECKS[capability];
      const own = check.resource === 'namespaces' && namespace ? { name: namespace } : {};
      return reviews.may({ ...check, ...(namespace ? { namespace } : {}), ...own });
    }),
  );
  const access: Access = {
    can: Object.fromEntries(CAPABILITIES.map((c) => [c, false])) as Access['can'],
    why: {},
  };
  CAPABILITIES.forEach((capability, i) => {
    const answer = answers[i];
    access.can[capability] = answer?.allowed === true;
    if (!access.can[capability]) {
      const check = CHECKS[capability];
      const what = `${check.verb} ${check.group ? `${check.resource}.${check.group}` : check.resource}`;
      const where = namespace ? ` in ${namespace}` : '';
      access.why[capability] =
        `${who} may not ${what}${where}${answer?.reason ? `: ${answer.reason}` : ' (RBAC)'}.`;
    }
  });
  return access;
}
