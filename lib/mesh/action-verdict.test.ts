import { describe, expect, it } from 'vitest';
import { namespaceInjectionVerdict, workloadRestartVerdict } from './action-verdict.ts';
import type { GuardCluster, GuardWorkload } from './guards.ts';
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
const workload = (over: Partial<StatusCounts>, templateReasons: string[] = []): GuardWorkload => ({
  kind: 'DaemonSet',
  name: 'node-exporter',
  statusCounts: counts(over),
  templateReasons,
});
const up: GuardCluster = {
  controlPlaneNamespace: 'linkerd',
  webhookPresent: true,
  failurePolicy: 'Fail',
  injectorPods: { total: 1, ready: 1 },
};
const none: GuardCluster = { webhookPresent: false, injectorPods: { total: 0, ready: 0 } };
const input = { namespace: 'monitoring', webhookCallsNamespace: true, cluster: up };

describe('workload restart verdict', () => {
  it('lets a restart that fixes pods go ahead', () => {
    const verdict = workloadRestartVerdict({ ...input, workload: workload({ 'missing-proxy': 2 }) });
    expect(verdict).toEqual({ state: 'allowed' });
  });

  it('turns the button off for a hostNetwork workload, with the guard’s own sentence', () => {
    const verdict = workloadRestartVerdict({
      ...input,
      workload: workload({ 'not-injectable': 3 }, ['host_network_enabled']),
    });
    expect(verdict).toMatchObject({ state: 'cannot-help', code: 'host_network' });
    expect(verdict.state !== 'allowed' && verdict.reason).toContain(
      'DaemonSet node-exporter uses hostNetwork',
    );
  });

  it('turns the button off when no pod would change', () => {
    const verdict = workloadRestartVerdict({ ...input, workload: workload({ meshed: 2, unmeshed: 1 }) });
    expect(verdict).toMatchObject({ state: 'cannot-help', code: 'nothing_to_fix' });
    expect(verdict.state !== 'allowed' && verdict.reason).toMatch(/^No pod of DaemonSet node-exporter .*\.$/);
  });

  it('asks a second time, with the guard’s refusal, on the control plane and a webhook-excluded namespace', () => {
    const cp = workloadRestartVerdict({
      ...input,
      namespace: 'linkerd',
      workload: workload({ 'outdated-proxy': 1 }),
    });
    expect(cp).toMatchObject({ state: 'guarded', code: 'control_plane_namespace' });
    const excluded = workloadRestartVerdict({
      ...input,
      webhookCallsNamespace: false,
      workload: workload({ 'unwanted-proxy': 1 }),
    });
    expect(excluded).toMatchObject({ state: 'guarded', code: 'webhook_excluded' });
  });

  it('asks a second time while the injector is down (the probe may recover before the click)', () => {
    const down: GuardCluster = { ...up, probe: { state: 'failing' } };
    const verdict = workloadRestartVerdict({
      ...input,
      cluster: down,
      workload: workload({ 'missing-proxy': 1 }),
    });
    expect(verdict).toMatchObject({ state: 'guarded', code: 'injector_down_fail' });
  });

  it('without an injector leaves the guard’s injector_not_installed refusal to the dialog', () => {
    const verdict = workloadRestartVerdict({ ...input, cluster: none, workload: workload({ unmeshed: 2 }) });
    expect(verdict).toMatchObject({ state: 'guarded', code: 'injector_not_installed' });
  });
});

describe('namespace injection verdict', () => {
  it.each(['kube-system', 'kube-public', 'kube-node-lease'])('offers no injection change on %s', (ns) => {
    const verdict = namespaceInjectionVerdict(ns, 'linkerd', false);
    expect(verdict).toMatchObject({ state: 'cannot-help', code: 'system_namespace' });
    expect(verdict.state !== 'allowed' && verdict.reason).toContain('linkerd/linkerd2#3330');
  });

  it('offers no injection change on the control plane, whatever it is called', () => {
    expect(namespaceInjectionVerdict('linkerd-prod', 'linkerd-prod', false)).toMatchObject({
      state: 'cannot-help',
      code: 'control_plane_namespace',
    });
    expect(namespaceInjectionVerdict('linkerd', undefined, false)).toEqual({ state: 'allowed' });
  });

  it('asks a second time on a namespace the webhook excludes, and not elsewhere', () => {
    expect(namespaceInjectionVerdict('batch', 'linkerd', true)).toMatchObject({
      state: 'guarded',
      code: 'webhook_excluded',
    });
    expect(namespaceInjectionVerdict('shop', 'linkerd', false)).toEqual({ state: 'allowed' });
  });
});
