import { describe, expect, it } from 'vitest';
import {
  TOKEN_MOUNT_PATH,
  automountBlocks,
  podTokenMount,
  tokenMountFor,
  type TokenMountEvidence,
} from './automount.ts';
import { decideInjection, type DecisionInput } from './decision.ts';
import { container, controlPlane, injectNamespace, pod, spec, webhook } from '../test/mesh-fixtures.ts';
import type { PodSpecRecord } from './types.ts';

const ON = controlPlane();
const OFF = controlPlane({ serviceAccountTokenProjection: false });
const CODE = 'disabled_automount_service_account_token_account';

function decide(template: PodSpecRecord, over: Partial<DecisionInput> = {}) {
  return decideInjection({
    namespace: injectNamespace('shop', 'enabled'),
    template,
    webhook: webhook(),
    controlPlane: OFF,
    templateSource: 'the current template of Deployment web',
    ...over,
  });
}

const stepOf = (d: ReturnType<typeof decide>) =>
  d.trace.find((s) => s.rule === 'automountServiceAccountToken');

// report.go newReport with origin webhook: automount false blocks; else no token mount in the first
// container blocks; both only with identity.serviceAccountTokenProjection off.
describe('projection × template automount × mount evidence', () => {
  const cells: { projection: boolean; automount?: boolean; mounted?: boolean; blocks: boolean }[] = [];
  for (const projection of [true, false])
    for (const automount of [undefined, true, false])
      for (const mounted of [true, false, undefined])
        cells.push({
          projection,
          automount,
          mounted,
          blocks: !projection && (automount === false || (automount === undefined && mounted === false)),
        });

  it.each(cells)(
    'projection $projection, automount $automount, mounted $mounted → blocks $blocks',
    ({ projection, automount, mounted, blocks }) => {
      const template = spec({ automountServiceAccountToken: automount, serviceAccountName: 'builder' });
      const tokenMount: TokenMountEvidence | undefined =
        mounted === undefined ? undefined : { mounted, seenOn: 'container app of pod web-1' };
      const d = decide(template, { controlPlane: projection ? ON : OFF, tokenMount });
      expect(d.inject).toBe(!blocks);
      expect(d.reasons.map((r) => r.code)).toEqual(blocks ? [CODE] : []);
      expect(stepOf(d)?.outcome).toBe(blocks ? 'block' : 'pass');
      // The same cell, with the evidence on the record itself (an admitted bare pod).
      const own = decide(
        { ...template, firstContainerTokenMount: mounted },
        { controlPlane: projection ? ON : OFF },
      );
      expect(own.inject).toBe(!blocks);
    },
  );

  it('assumes projection on without a control plane record', () => {
    expect(decide(spec({ automountServiceAccountToken: false }), { controlPlane: null }).inject).toBe(true);
  });
});

describe('the trace of the automount step', () => {
  it('names the ServiceAccount and the pod that showed no mount', () => {
    const tokenMount = { mounted: false, seenOn: 'container app of pod web-1' };
    const step = stepOf(decide(spec({ serviceAccountName: 'builder' }), { tokenMount }));
    expect(step?.outcome).toBe('block');
    expect(step?.detail).toContain("ServiceAccount builder's automountServiceAccountToken decides");
    expect(step?.detail).toContain('container app of pod web-1 has none');
    expect(step?.detail).toContain(TOKEN_MOUNT_PATH);
  });

  it('names the pod that showed the mount', () => {
    const step = stepOf(
      decide(spec(), { tokenMount: { mounted: true, seenOn: 'container app of pod web-1' } }),
    );
    expect(step).toMatchObject({ outcome: 'pass' });
    expect(step?.detail).toContain("ServiceAccount default's");
    expect(step?.detail).toContain('container app of pod web-1 has it');
  });

  it('says the outcome depends on the ServiceAccount when no pod shows it', () => {
    const step = stepOf(decide(spec({ serviceAccountName: 'builder' })));
    expect(step?.outcome).toBe('pass');
    expect(step?.detail).toContain('No admitted pod shows it, so it is assumed mounted');
    expect(step?.detail).toContain('if the ServiceAccount says false, the injector skips the pod');
  });

  it("quotes Linkerd's reason when the template says false", () => {
    const step = stepOf(decide(spec({ automountServiceAccountToken: false })));
    expect(step?.outcome).toBe('block');
    expect(step?.detail).toContain('with Values.identity.serviceAccountTokenProjection set to "false"');
  });

  it('is info with a note when the webhook does not call the injector', () => {
    const d = decide(spec(), { namespace: injectNamespace('kube-system', 'enabled') });
    expect(stepOf(d)?.outcome).toBe('info');
  });

  it('with projection on, says the proxy gets a projected token', () => {
    const d = decide(spec({ automountServiceAccountToken: false }), { controlPlane: ON });
    expect(stepOf(d)?.detail).toContain('the proxy gets a projected token');
  });
});

describe('evidence helpers', () => {
  it('prefers what the template knows over a pod', () => {
    const fromPod = { mounted: false, seenOn: 'pod x' };
    expect(tokenMountFor(spec(), 'the template', fromPod)).toBe(fromPod);
    expect(tokenMountFor(spec({ firstContainerTokenMount: true }), 'the template', fromPod)).toEqual({
      mounted: true,
      seenOn: 'the first container of the template',
    });
  });

  it('reads a pod past a classic linkerd-proxy', () => {
    const p = pod('web-1', {
      containers: [container('linkerd-proxy'), container('app')],
      firstContainerTokenMount: false,
    });
    expect(podTokenMount(p)).toEqual({ mounted: false, seenOn: 'container app of pod web-1' });
    expect(podTokenMount(pod('web-2'))).toBeUndefined();
  });

  it('an explicit setting wins over the evidence', () => {
    const missing = { mounted: false, seenOn: 'pod x' };
    expect(automountBlocks(false, spec({ automountServiceAccountToken: true }), missing)).toBe(false);
    expect(automountBlocks(false, spec(), missing)).toBe(true);
    expect(automountBlocks(true, spec(), missing)).toBe(false);
  });
});
