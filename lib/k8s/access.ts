import 'server-only';
// What meshwatch's own identity may do, asked of the API server with SelfSubjectAccessReviews at
// cluster scope (a namespace-scoped grant reads as "no" here; the action itself still says 403 or not).
import type { Capability } from '@/lib/api/dto';
import { callOptions, type Clients } from './config';
import { kubeCall } from './errors';

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

export interface Access {
  can: Record<Capability, boolean>;
  why: Partial<Record<Capability, string>>;
}

export async function reviewAccess(clients: Clients): Promise<Access> {
  const entries = Object.entries(CHECKS) as [Capability, Check][];
  const answers = await Promise.all(
    entries.map(([, check]) =>
      kubeCall(() =>
        clients.authorization.createSelfSubjectAccessReview(
          {
            body: {
              apiVersion: 'authorization.k8s.io/v1',
              kind: 'SelfSubjectAccessReview',
              spec: {
                resourceAttributes: { verb: check.verb, group: check.group, resource: check.resource },
              },
            },
          },
          callOptions({ timeoutMs: 5_000 }),
        ),
      ),
    ),
  );
  const access: Access = {
    can: {
      patchNamespaces: false,
      patchDeployments: false,
      patchStatefulSets: false,
      patchDaemonSets: false,
      patchCronJobs: false,
      createEvents: false,
    },
    why: {},
  };
  entries.forEach(([capability, check], i) => {
    const status = answers[i]?.status;
    access.can[capability] = status?.allowed === true;
    if (!access.can[capability]) {
      const what = `${check.verb} ${check.group ? `${check.resource}.${check.group}` : check.resource}`;
      const reason = status?.reason?.trim() || status?.evaluationError?.trim();
      access.why[capability] =
        `meshwatch's Kubernetes identity may not ${what}${reason ? `: ${reason}` : ' (RBAC)'}.`;
    }
  });
  return access;
}
