import { describe, expect, it } from 'vitest';
import { injectorFindings } from './injector-health.ts';

const healthy = {
  webhookPresent: true,
  failurePolicy: 'Fail',
  injectorPods: { total: 1, ready: 1 },
} as const;

describe('injectorFindings', () => {
  it('finds nothing on a healthy injector', () => {
    expect(injectorFindings(healthy)).toEqual([]);
  });

  it('says no webhook, and nothing about pods or policy then', () => {
    expect(
      injectorFindings({ ...healthy, webhookPresent: false, injectorPods: { total: 0, ready: 0 } }),
    ).toEqual([{ code: 'no_webhook', severity: 'error' }]);
  });

  it('says no ready injector pods, with what the failurePolicy makes of it', () => {
    const down = { ...healthy, injectorPods: { total: 1, ready: 0 } };
    expect(injectorFindings(down)).toEqual([
      { code: 'no_ready_injector', severity: 'error', failurePolicy: 'Fail' },
    ]);
    expect(injectorFindings({ ...down, failurePolicy: undefined })[0]).toMatchObject({
      failurePolicy: 'Fail',
    });
    expect(injectorFindings({ ...down, failurePolicy: 'Ignore' })).toEqual([
      { code: 'no_ready_injector', severity: 'error', failurePolicy: 'Ignore' },
      { code: 'failure_policy_ignore', severity: 'warning' },
    ]);
  });

  it('warns about failurePolicy Ignore and an unreadable linkerd-config', () => {
    expect(injectorFindings({ ...healthy, failurePolicy: 'Ignore', linkerdConfigError: 'bad YAML' })).toEqual(
      [
        { code: 'failure_policy_ignore', severity: 'warning' },
        { code: 'linkerd_config_unreadable', severity: 'warning', error: 'bad YAML' },
      ],
    );
  });
});
