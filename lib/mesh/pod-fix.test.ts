import { describe, expect, it } from 'vitest';
import { podFix } from './pod-fix.ts';
import { POD_STATUSES, RESTART_FIXES, type PodStatus, type Reason } from './types.ts';

const reason = (code: string) => ({ code, message: code }) as unknown as Reason;
const web = { kind: 'Deployment' as const, name: 'web' };

describe('podFix', () => {
  it('restarts the workload of every restart-fixable status', () => {
    for (const status of RESTART_FIXES) {
      expect(podFix({ status, workload: web, reasons: [] })).toEqual({
        action: 'restart-workload',
        workload: web,
      });
    }
  });

  it('offers no restart for a bare pod, nor for statuses a restart does not change', () => {
    expect(podFix({ status: 'missing-proxy', reasons: [] })).toBeUndefined();
    const others = POD_STATUSES.filter((s: PodStatus) => !RESTART_FIXES.includes(s));
    for (const status of others) expect(podFix({ status, workload: web, reasons: [] })).toBeUndefined();
  });

  it('opts the namespace in when the annotation is all that is missing', () => {
    expect(
      podFix({ status: 'unmeshed', workload: web, reasons: [reason('injection_enable_annotation_absent')] }),
    ).toEqual({ action: 'enable-namespace' });
    expect(podFix({ status: 'not-injectable', reasons: [reason('host_network_enabled')] })).toBeUndefined();
  });
});
