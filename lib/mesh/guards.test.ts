import { describe, expect, it } from 'vitest';
import {
  GUARD_CODES,
  SYSTEM_NAMESPACES,
  guardMessage,
  injectionGuard,
  injectorDown,
  namespaceGuard,
  restartGuard,
  type GuardCluster,
  type GuardWorkload,
} from './guards.ts';
import type { StatusCounts } from './outputs.ts';

const counts = (over: Partial<StatusCounts> = {}): StatusCounts => ({
  meshed: 0,
  'missing-proxy': 0,
  'unwanted-proxy': 0,
  'outdated-proxy': 0,
  'not-injectable': 0,
  unmeshed: 0,
  ...over,
});
const web = (over: Partial<StatusCounts> = {}, templateReasons: string[] = []): GuardWorkload => ({
  kind: 'Deployment',
  name: 'web',
  statusCounts: counts(over),
  templateReasons,
});
const up: GuardCluster = {
  controlPlaneNamespace: 'linkerd',
  webhookPresent: true,
  failurePolicy: 'Fail',
  injectorPods: { total: 1, ready: 1 },
};
const down = (failurePolicy: string): GuardCluster => ({
  ...up,
  failurePolicy,
  injectorPods: { total: 1, ready: 0 },
});
const codes = (input: Parameters<typeof restartGuard>[0]) => restartGuard(input).map((r) => r.code);
const base = { namespace: 'shop', webhookCallsNamespace: true, single: true };

describe('namespace guard', () => {
  it.each(SYSTEM_NAMESPACES)('refuses %s as a system namespace', (ns) => {
    expect(namespaceGuard(ns, 'linkerd')).toMatchObject({ code: 'system_namespace', family: 'guarded' });
    expect(injectionGuard(ns).map((r) => r.code)).toEqual(['system_namespace']);
  });

  it('refuses the Linkerd control-plane namespace, whatever it is called', () => {
    expect(namespaceGuard('linkerd-prod', 'linkerd-prod')?.code).toBe('control_plane_namespace');
    expect(namespaceGuard('linkerd', undefined)).toBeUndefined();
    expect(namespaceGuard('shop', 'linkerd')).toBeUndefined();
    expect(injectionGuard('shop', 'linkerd')).toEqual([]);
  });
});

describe('webhook-excluded namespace guard', () => {
  it('asks a second time on a namespace the webhook never calls the injector for', () => {
    expect(namespaceGuard('batch', 'linkerd', true)).toMatchObject({
      code: 'webhook_excluded',
      family: 'guarded',
    });
    expect(injectionGuard('batch', 'linkerd', true).map((r) => r.code)).toEqual(['webhook_excluded']);
    // The system namespace's own sentence wins: it is usually excluded too.
    expect(namespaceGuard('kube-system', 'linkerd', true)?.code).toBe('system_namespace');
  });

  it('guards a restart there only when a webhook exists to exclude it', () => {
    const excluded = { ...base, webhookCallsNamespace: false };
    expect(codes({ ...excluded, cluster: up, workloads: [web({ 'unwanted-proxy': 1 })] })).toEqual([
      'webhook_excluded',
    ]);
    const none: GuardCluster = { webhookPresent: false, injectorPods: { total: 0, ready: 0 } };
    expect(codes({ ...excluded, cluster: none, workloads: [web({ 'unwanted-proxy': 1 })] })).toEqual([]);
  });
});

describe('injectorDown', () => {
  it('believes the probe first, then the injector pods, else cannot tell', () => {
    expect(injectorDown({ ...down('Fail'), probe: { state: 'answering' } })).toBe(false);
    expect(injectorDown({ ...up, probe: { state: 'failing' } })).toBe(true);
    expect(injectorDown({ ...up, probe: { state: 'bypassed' } })).toBe(true);
    expect(injectorDown({ ...up, probe: { state: 'disabled' } })).toBe(false);
    expect(injectorDown(down('Fail'))).toBe(true);
    expect(injectorDown({ ...down('Fail'), controlPlaneNamespace: undefined })).toBeUndefined();
  });
});

describe('restart guard', () => {
  it('lets a restart that can work go ahead', () => {
    expect(codes({ ...base, cluster: up, workloads: [web({ 'missing-proxy': 2 })] })).toEqual([]);
  });

  it('refuses Linkerd’s own control plane and kube-system before anything else', () => {
    const cp = codes({ ...base, namespace: 'linkerd', cluster: up, workloads: [web({ meshed: 1 })] });
    expect(cp).toEqual(['control_plane_namespace']);
    expect(codes({ ...base, namespace: 'kube-system', cluster: up, workloads: [] })).toEqual([
      'system_namespace',
    ]);
  });

  it('refuses under failurePolicy Fail while the injector is down: the new pods would be refused', () => {
    expect(codes({ ...base, cluster: down('Fail'), workloads: [web({ 'missing-proxy': 1 })] })).toEqual([
      'injector_down_fail',
    ]);
    // Even a restart that only removes a proxy: every pod CREATE the webhook sees fails.
    expect(codes({ ...base, cluster: down('Fail'), workloads: [web({ 'unwanted-proxy': 1 })] })).toEqual([
      'injector_down_fail',
    ]);
  });

  it('under Ignore refuses only what needs injection', () => {
    expect(codes({ ...base, cluster: down('Ignore'), workloads: [web({ 'outdated-proxy': 1 })] })).toEqual([
      'injector_down_ignore',
    ]);
    expect(codes({ ...base, cluster: down('Ignore'), workloads: [web({ 'unwanted-proxy': 1 })] })).toEqual(
      [],
    );
  });

  it('does not blame the injector for a namespace the webhook never calls', () => {
    expect(
      codes({
        ...base,
        webhookCallsNamespace: false,
        cluster: down('Fail'),
        workloads: [web({ unmeshed: 1 })],
      }),
    ).toEqual(['webhook_excluded']);
  });

  it('refuses without an injector unless a proxy is to be removed', () => {
    const none: GuardCluster = { webhookPresent: false, injectorPods: { total: 0, ready: 0 } };
    expect(codes({ ...base, cluster: none, workloads: [web({ unmeshed: 2 })] })).toEqual([
      'injector_not_installed',
    ]);
    expect(codes({ ...base, cluster: none, workloads: [web({ 'unwanted-proxy': 1 })] })).toEqual([]);
    expect(codes({ ...base, single: false, cluster: none, workloads: [] })).toEqual([]);
  });

  it('refuses a hostNetwork workload: a restart cannot mesh it', () => {
    const agent = web({ 'not-injectable': 3 }, ['host_network_enabled']);
    expect(codes({ ...base, cluster: up, workloads: [agent] })).toEqual(['host_network']);
    expect(codes({ ...base, single: false, cluster: up, workloads: [agent] })).toEqual([]);
    const none: GuardCluster = { webhookPresent: false, injectorPods: { total: 0, ready: 0 } };
    expect(codes({ ...base, cluster: none, workloads: [agent] })).toEqual(['host_network']);
  });

  it('names the subject: one workload, or how many', () => {
    const [one] = restartGuard({ ...base, cluster: down('Fail'), workloads: [web({ 'missing-proxy': 1 })] });
    expect(one?.message).toContain('Deployment web');
    const [many] = restartGuard({
      ...base,
      single: false,
      cluster: down('Fail'),
      workloads: [web({ 'missing-proxy': 1 }), { ...web({ 'missing-proxy': 1 }), name: 'api' }],
    });
    expect(many?.message).toContain('2 workloads in shop');
    expect(many?.family).toBe('cannot-work');
  });
});

describe('guard sentences', () => {
  const all = GUARD_CODES;
  it.each(all)('%s has one sentence naming the subject and what to do', (code) => {
    const text = guardMessage(code, 'Deployment web');
    expect(text).toContain('Deployment web');
    expect(text).toMatch(/^[A-Z].*\.$/);
    expect(text).not.toContain(code);
  });
  it('says how each injector outage hurts', () => {
    expect(guardMessage('injector_down_fail', 'x')).toMatch(/refused.*stall/);
    expect(guardMessage('injector_down_ignore', 'x')).toMatch(/without a proxy/);
  });
});
