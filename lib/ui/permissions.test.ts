import { describe, expect, it } from 'vitest';
import type { CapabilitiesResponse } from '@/lib/api/dto';
import {
  cannotHelpReason,
  injectionBlockedReason,
  namespaceRestartBlockedReason,
  READ_ONLY_REASON,
  workloadRestartBlockedReason,
} from './permissions';

const allowed: CapabilitiesResponse = {
  readOnly: false,
  csrfToken: 't',
  can: {
    patchNamespaces: true,
    patchDeployments: true,
    patchStatefulSets: true,
    patchDaemonSets: true,
    patchCronJobs: true,
    createEvents: true,
  },
  why: {},
};
const deployment = { kind: 'Deployment' as const, restart: { restartable: true } };

describe('blocked reasons', () => {
  it('allows everything when RBAC allows and read-only is off', () => {
    expect(injectionBlockedReason({ data: allowed })).toBeNull();
    expect(workloadRestartBlockedReason({ data: allowed }, deployment)).toBeNull();
    expect(namespaceRestartBlockedReason({ data: allowed }, 3)).toBeNull();
  });

  it('says read-only before anything else', () => {
    const data = { ...allowed, readOnly: true };
    expect(injectionBlockedReason({ data })).toBe(READ_ONLY_REASON);
    expect(
      workloadRestartBlockedReason({ data }, { kind: 'CronJob', restart: { restartable: false, why: 'x' } }),
    ).toBe(READ_ONLY_REASON);
  });

  it("passes on the server's RBAC reason", () => {
    const data = {
      ...allowed,
      can: { ...allowed.can, patchNamespaces: false, patchDeployments: false },
      why: {
        patchNamespaces: 'may not patch namespaces (RBAC).',
        patchDeployments: 'may not patch deployments.apps (RBAC).',
      },
    };
    expect(injectionBlockedReason({ data })).toBe('may not patch namespaces (RBAC).');
    expect(workloadRestartBlockedReason({ data }, deployment)).toBe('may not patch deployments.apps (RBAC).');
    expect(workloadRestartBlockedReason({ data }, { ...deployment, kind: 'StatefulSet' })).toBeNull();
  });

  it('uses the engine’s restartability for the workload', () => {
    const paused = {
      kind: 'Deployment' as const,
      restart: { restartable: false, why: 'The Deployment is paused.' },
    };
    expect(workloadRestartBlockedReason({ data: allowed }, paused)).toBe('The Deployment is paused.');
  });

  it('is off while permissions load or fail', () => {
    expect(injectionBlockedReason({})).toMatch(/Checking/);
    expect(injectionBlockedReason({ error: new Error('x') })).toMatch(/could not be checked/);
  });

  it('has nothing to restart without affected workloads', () => {
    expect(namespaceRestartBlockedReason({ data: allowed }, 0)).toMatch(/No workload/);
  });
});

describe('cannot-help verdicts', () => {
  it('turn a button off with the engine’s sentence; guarded and allowed verdicts leave it on', () => {
    const reason =
      'DaemonSet node-exporter uses hostNetwork, which Linkerd never injects: a restart cannot mesh it.';
    expect(cannotHelpReason({ state: 'cannot-help', code: 'host_network', reason })).toBe(reason);
    expect(cannotHelpReason({ state: 'guarded', code: 'control_plane_namespace', reason: 'x' })).toBeNull();
    expect(cannotHelpReason({ state: 'allowed' })).toBeNull();
    expect(cannotHelpReason(undefined)).toBeNull();
  });
});
