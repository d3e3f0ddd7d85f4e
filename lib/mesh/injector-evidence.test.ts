import { describe, expect, it } from 'vitest';
import { injectorEvidence } from './injector-evidence';

const skipped = (message: string, lastSeen: string) => ({ reason: 'InjectionSkipped', message, lastSeen });
const injected = {
  reason: 'Injected',
  message: 'Linkerd sidecar proxy injected',
  lastSeen: '2026-12-03T09:10:00Z',
};

describe('injectorEvidence', () => {
  it("gives the injector's latest skip reason for a pod left without the proxy it should have", () => {
    const events = [
      skipped(
        'Linkerd sidecar proxy injection skipped: neither the namespace nor the pod have the annotation',
        '2026-12-03T09:00:00Z',
      ),
      injected,
      skipped('Linkerd sidecar proxy injection skipped: hostNetwork is enabled', '2026-12-03T09:05:00Z'),
    ];
    expect(injectorEvidence('missing-proxy', events)?.message).toContain('hostNetwork is enabled');
    expect(injectorEvidence('not-injectable', events)?.lastSeen).toBe('2026-12-03T09:05:00Z');
  });

  it('says nothing for pods whose state a skip does not explain, or without a skip event', () => {
    const events = [skipped('skipped', '2026-12-03T09:00:00Z')];
    for (const status of ['meshed', 'unmeshed', 'outdated-proxy', 'unwanted-proxy'] as const) {
      expect(injectorEvidence(status, events)).toBeUndefined();
    }
    expect(injectorEvidence('missing-proxy', [injected])).toBeUndefined();
    expect(injectorEvidence('missing-proxy', [])).toBeUndefined();
  });
});
