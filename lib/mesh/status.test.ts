import { describe, expect, it } from 'vitest';
import { reason } from './reasons.ts';
import { classifyPod, statusFix, type StatusFacts } from './status.ts';
import type { PodStatus } from './types.ts';

const base: StatusFacts = { meshed: false, expected: false, optedIn: false, optedOut: false };

describe('classifyPod', () => {
  it.each<{ name: string; facts: Partial<StatusFacts>; status: PodStatus }>([
    {
      name: 'proxy, expected, same version',
      facts: { meshed: true, expected: true, proxyVersion: 'v2', expectedVersion: 'v2' },
      status: 'meshed',
    },
    {
      name: 'proxy, expected, control-plane version unknown',
      facts: { meshed: true, expected: true, proxyVersion: 'v1' },
      status: 'meshed',
    },
    {
      name: 'proxy, expected, pod version unknown (digest)',
      facts: { meshed: true, expected: true, expectedVersion: 'v2' },
      status: 'meshed',
    },
    {
      name: 'proxy, expected, older version',
      facts: { meshed: true, expected: true, proxyVersion: 'v1', expectedVersion: 'v2' },
      status: 'outdated-proxy',
    },
    {
      name: 'proxy, not expected',
      facts: { meshed: true, expected: false, optedIn: true },
      status: 'unwanted-proxy',
    },
    {
      name: 'proxy, not expected, version differs too',
      facts: { meshed: true, proxyVersion: 'v1', expectedVersion: 'v2' },
      status: 'unwanted-proxy',
    },
    { name: 'no proxy, expected', facts: { expected: true, optedIn: true }, status: 'missing-proxy' },
    { name: 'no proxy, not expected, opted in', facts: { optedIn: true }, status: 'not-injectable' },
    {
      name: 'no proxy, not expected, opted in then out',
      facts: { optedIn: true, optedOut: true },
      status: 'unmeshed',
    },
    { name: 'no proxy, not expected, opted out only', facts: { optedOut: true }, status: 'unmeshed' },
    { name: 'no proxy, nothing opted', facts: {}, status: 'unmeshed' },
  ])('$name → $status', ({ facts, status }) => {
    expect(classifyPod({ ...base, ...facts })).toBe(status);
  });
});

describe('statusFix', () => {
  const deploymentTarget = { ref: { kind: 'Deployment' as const, name: 'web' } };
  const ctx = { ...base, target: deploymentTarget, reasons: [] };

  it.each<{ status: PodStatus; fix: string | undefined }>([
    { status: 'meshed', fix: undefined },
    { status: 'missing-proxy', fix: 'Restart Deployment web to inject the proxy' },
    { status: 'unwanted-proxy', fix: 'Restart Deployment web to remove the proxy' },
  ])('$status', ({ status, fix }) => {
    expect(statusFix(status, ctx)).toBe(fix);
  });

  it('names both versions for an outdated proxy', () => {
    expect(statusFix('outdated-proxy', { ...ctx, proxyVersion: 'edge-1', expectedVersion: 'edge-2' })).toBe(
      'Restart Deployment web to replace proxy edge-1 with edge-2',
    );
  });

  it('uses the first blocking reason for a not-injectable pod', () => {
    const reasons = [
      reason('host_network_enabled'),
      reason('disabled_automount_service_account_token_account'),
    ];
    expect(statusFix('not-injectable', { ...ctx, reasons })).toBe(
      'hostNetwork pods can never be meshed; set linkerd.io/inject: disabled on the template to make that explicit',
    );
  });

  it('tells an opted-out pod how to opt back in, and others how to opt in', () => {
    expect(
      statusFix('unmeshed', {
        ...ctx,
        optedOut: true,
        reasons: [reason('injection_disable_annotation_present')],
      }),
    ).toContain('remove it and restart');
    expect(statusFix('unmeshed', { ...ctx, reasons: [reason('injection_enable_annotation_absent')] })).toBe(
      'Annotate the namespace or the pod template with linkerd.io/inject: enabled, then restart the workload',
    );
  });
});
