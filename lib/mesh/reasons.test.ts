import { describe, expect, it } from 'vitest';
import { LINTS } from './lints.ts';
import { REASONS, REASON_ORDER, reason } from './reasons.ts';
import type { LintCode, ReasonCode } from './types.ts';

// Linkerd's wording from pkg/inject/report.go, copied here by hand so a change in ours shows up as a diff.
const LINKERD_WORDING: Partial<Record<ReasonCode, string>> = {
  host_network_enabled: 'hostNetwork is enabled',
  sidecar_already_exists: 'pod has a sidecar injected already',
  unsupported_resource: 'this resource kind is unsupported',
  injection_enable_annotation_absent:
    'neither the namespace nor the pod have the annotation "linkerd.io/inject:enabled"',
  injection_disable_annotation_present: 'pod has the annotation "linkerd.io/inject:disabled"',
  invalid_inject_annotation_at_workload: 'invalid value for annotation "linkerd.io/inject" at workload',
  invalid_inject_annotation_at_ns: 'invalid value for annotation "linkerd.io/inject" at namespace',
  disabled_automount_service_account_token_account:
    'automountServiceAccountToken set to "false", with Values.identity.serviceAccountTokenProjection set to "false"',
};

const ALL_REASONS: ReasonCode[] = [
  'host_network_enabled',
  'sidecar_already_exists',
  'unsupported_resource',
  'injection_enable_annotation_absent',
  'injection_disable_annotation_present',
  'invalid_inject_annotation_at_workload',
  'invalid_inject_annotation_at_ns',
  'disabled_automount_service_account_token_account',
  'namespace_excluded_by_webhook',
  'object_excluded_by_webhook',
  'webhook_rules_exclude_pods',
  'webhook_match_condition_false',
  'webhook_match_condition_unknown',
  'injector_not_installed',
];

describe('the reason catalogue', () => {
  it.each(Object.entries(LINKERD_WORDING))("keeps Linkerd's wording for %s", (code, message) => {
    expect(REASONS[code as ReasonCode].message).toBe(message);
  });

  it.each(ALL_REASONS)('%s has a message, a one-sentence fix and a place in the order', (code) => {
    const entry = REASONS[code];
    expect(entry.message.length).toBeGreaterThan(10);
    expect(entry.fix.length).toBeGreaterThan(10);
    expect(entry.fix).not.toMatch(/\.\s+\S/); // one sentence
    expect(REASON_ORDER).toContain(code);
    expect(reason(code)).toEqual({ code, ...entry });
  });

  it('has exactly the ReasonCode union, ordered as report.go after the webhook gates', () => {
    expect([...REASON_ORDER].sort()).toEqual([...ALL_REASONS].sort());
    expect(REASON_ORDER.indexOf('host_network_enabled')).toBeLessThan(
      REASON_ORDER.indexOf('sidecar_already_exists'),
    );
    expect(REASON_ORDER.indexOf('injector_not_installed')).toBe(0);
  });

  it('shares one frozen object per code', () => {
    expect(reason('host_network_enabled')).toBe(reason('host_network_enabled'));
    expect(Object.isFrozen(reason('host_network_enabled'))).toBe(true);
  });
});

describe('the lint catalogue', () => {
  const codes: LintCode[] = [
    'inject_set_as_label',
    'annotation_on_workload_metadata',
    'legacy_auto_inject_label',
    'invalid_inject_value',
    'restart_required',
  ];
  it.each(codes)('%s has a severity, a message and a fix', (code) => {
    expect(['warning', 'error', 'info']).toContain(LINTS[code].severity);
    expect(LINTS[code].message).toBeTruthy();
    expect(LINTS[code].fix).toBeTruthy();
  });
  it('has exactly the LintCode union', () => {
    expect(Object.keys(LINTS).sort()).toEqual([...codes].sort());
  });
});
