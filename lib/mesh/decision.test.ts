import { describe, expect, it } from 'vitest';
import { annotationRule, decideInjection, evaluateInjection, type DecisionInput } from './decision.ts';
import { container, controlPlane, DECISION_RULES, namespace, spec, webhook } from '../test/mesh-fixtures.ts';
import type { PodSpecRecord, ReasonCode } from './types.ts';

const ABSENT = undefined;
const VALUES = [ABSENT, '', 'enabled', 'disabled', 'ingress', 'true', 'Enabled'] as const;
type Value = (typeof VALUES)[number];

function withInject(value: Value): Record<string, string> {
  return value === undefined ? {} : { 'linkerd.io/inject': value };
}

function input(nsValue: Value, podValue: Value, over: Partial<DecisionInput> = {}): DecisionInput {
  return {
    namespace: namespace('shop', { annotations: withInject(nsValue) }),
    template: spec({ annotations: withInject(podValue) }),
    webhook: webhook(),
    controlPlane: controlPlane(),
    ...over,
  };
}

// report.go's disableByAnnotation, written out by hand for every pair. Columns follow VALUES:
// absent, "", enabled, disabled, ingress, "true", "Enabled".
// I = inject, A = injection_enable_annotation_absent, D = injection_disable_annotation_present,
// N = invalid_inject_annotation_at_ns, W = invalid_inject_annotation_at_workload.
const TRUTH_TABLE: Record<string, string> = {
  absent: 'A A I A I W W',
  '""': 'A A I A I W W',
  '"enabled"': 'I I I D I W W',
  '"disabled"': 'A A I A I W W',
  '"ingress"': 'I I I D I W W',
  '"true"': 'N N N N N N N',
  '"Enabled"': 'N N N N N N N',
};
const CELL: Record<string, ReasonCode | undefined> = {
  I: undefined,
  A: 'injection_enable_annotation_absent',
  D: 'injection_disable_annotation_present',
  N: 'invalid_inject_annotation_at_ns',
  W: 'invalid_inject_annotation_at_workload',
};

function label(value: Value): string {
  return value === undefined ? 'absent' : JSON.stringify(value);
}

const rows = VALUES.flatMap((ns) => {
  const cells = (TRUTH_TABLE[label(ns)] ?? '').split(' ');
  return VALUES.map((pod, i) => ({
    ns: label(ns),
    pod: label(pod),
    nsValue: ns,
    podValue: pod,
    cell: cells[i] ?? '?',
  }));
});

describe('the annotation truth table', () => {
  it('has a row for every namespace × pod value', () => {
    expect(rows).toHaveLength(49);
    expect(rows.every((r) => r.cell in CELL)).toBe(true);
  });

  it.each(rows)('namespace $ns, pod $pod → $cell', ({ nsValue, podValue, cell }) => {
    const expectedCode = CELL[cell];
    const decision = decideInjection(input(nsValue, podValue));
    expect(decision.inject).toBe(expectedCode === undefined);
    expect(decision.reasons.map((r) => r.code)).toEqual(expectedCode ? [expectedCode] : []);
    expect(annotationRule(nsValue ?? '', podValue ?? '')).toBe(expectedCode);
  });
});

describe('what the injector ignores', () => {
  it('ignores a linkerd.io/inject label on the namespace', () => {
    const ns = namespace('shop', { labels: { 'linkerd.io/inject': 'enabled' } });
    const decision = decideInjection({ ...input(ABSENT, ABSENT), namespace: ns });
    expect(decision.inject).toBe(false);
    expect(decision.reasons.map((r) => r.code)).toEqual(['injection_enable_annotation_absent']);
  });

  it('ignores a linkerd.io/inject label on the template', () => {
    const template = spec({ labels: { app: 'web', 'linkerd.io/inject': 'enabled' } });
    expect(decideInjection({ ...input(ABSENT, ABSENT), template }).inject).toBe(false);
  });
});

describe('every reason code', () => {
  const hostNet = spec({ hostNetwork: true, annotations: withInject('enabled') });
  const istio = spec({
    containers: [container('app'), container('istio-proxy', 'docker.io/istio/proxyv2:1.22')],
  });
  const noToken = spec({ automountServiceAccountToken: false });
  const cases: { code: ReasonCode; over: Partial<DecisionInput>; ns?: Value; pod?: Value }[] = [
    { code: 'host_network_enabled', over: { template: hostNet } },
    { code: 'sidecar_already_exists', over: { template: istio }, ns: 'enabled' },
    { code: 'unsupported_resource', over: { template: null }, ns: 'enabled' },
    { code: 'injection_enable_annotation_absent', over: {} },
    { code: 'injection_disable_annotation_present', over: {}, ns: 'enabled', pod: 'disabled' },
    { code: 'invalid_inject_annotation_at_workload', over: {}, pod: 'yes' as Value },
    { code: 'invalid_inject_annotation_at_ns', over: {}, ns: 'on' as Value, pod: 'enabled' },
    {
      code: 'disabled_automount_service_account_token_account',
      over: {
        template: { ...noToken, annotations: withInject('enabled') },
        controlPlane: controlPlane({ serviceAccountTokenProjection: false }),
      },
    },
    {
      code: 'namespace_excluded_by_webhook',
      over: { namespace: namespace('kube-system', { annotations: withInject('enabled') }) },
    },
    {
      code: 'object_excluded_by_webhook',
      over: {
        template: spec({
          labels: { 'linkerd.io/control-plane-component': 'destination' },
          annotations: withInject('enabled'),
        }),
      },
    },
    { code: 'injector_not_installed', over: { webhook: null }, ns: 'enabled' },
  ];

  it.each(cases)('$code', ({ code, over, ns, pod }) => {
    const decision = decideInjection(input(ns, pod, over));
    expect(decision.inject).toBe(false);
    expect(decision.reasons.map((r) => r.code)).toEqual([code]);
    expect(decision.reasons[0]?.message).toBeTruthy();
    expect(decision.reasons[0]?.fix).toBeTruthy();
  });
});

describe('reason collection', () => {
  const everything: PodSpecRecord = spec({
    hostNetwork: true,
    automountServiceAccountToken: false,
    annotations: withInject('disabled'),
    initContainers: [container('istio-init', 'gcr.io/istio-release/proxy_init:1.0')],
  });

  it("reports every failing check in report.go's order, without short-circuiting", () => {
    const decision = decideInjection({
      ...input('enabled', ABSENT),
      template: everything,
      controlPlane: controlPlane({ serviceAccountTokenProjection: false }),
    });
    expect(decision.reasons.map((r) => r.code)).toEqual([
      'host_network_enabled',
      'sidecar_already_exists',
      'injection_disable_annotation_present',
      'disabled_automount_service_account_token_account',
    ]);
  });

  it('reports only the webhook gates when the injector is never called', () => {
    const decision = decideInjection({
      ...input('enabled', ABSENT),
      namespace: namespace('kube-system', { labels: {}, annotations: withInject('enabled') }),
      template: { ...everything, labels: { 'linkerd.io/cni-resource': 'true' } },
    });
    expect(decision.reasons.map((r) => r.code)).toEqual([
      'namespace_excluded_by_webhook',
      'object_excluded_by_webhook',
    ]);
    // The injector's checks still show in the trace, marked as not reached.
    const host = decision.trace.find((s) => s.rule === 'hostNetwork');
    expect(host?.outcome).toBe('info');
    expect(host?.detail).toContain('does not call the injector');
  });

  it('reports only injector_not_installed when there is no webhook', () => {
    const decision = decideInjection({ ...input('enabled', ABSENT), webhook: null, template: everything });
    expect(decision.reasons.map((r) => r.code)).toEqual(['injector_not_installed']);
    expect(decision.trace[0]).toMatchObject({ rule: 'webhook', outcome: 'block' });
  });
});

describe('webhook selectors are the live ones', () => {
  it('synthesises kubernetes.io/metadata.name when a record lacks it', () => {
    const ns = namespace('cert-manager', { labels: {}, annotations: withInject('enabled') });
    const e = evaluateInjection({ ...input(ABSENT, ABSENT), namespace: ns });
    expect(e.namespaceExcluded).toBe(true);
  });

  it('excludes the control-plane namespace by its admission-webhooks label', () => {
    const ns = namespace('linkerd', { labels: { 'config.linkerd.io/admission-webhooks': 'disabled' } });
    expect(evaluateInjection({ ...input(ABSENT, 'enabled'), namespace: ns }).namespaceExcluded).toBe(true);
  });

  it('calls the injector for every namespace and object when the selectors are undefined', () => {
    const open = webhook({ namespaceSelector: undefined, objectSelector: undefined });
    const ns = namespace('kube-system', { annotations: withInject('enabled') });
    const e = evaluateInjection({ ...input(ABSENT, ABSENT), namespace: ns, webhook: open });
    expect(e.webhookCalled).toBe(true);
    expect(e.decision.inject).toBe(true);
  });

  it('honours an opt-in matchLabels selector instead of the defaults', () => {
    const optIn = webhook({ namespaceSelector: { matchLabels: { mesh: 'on' } } });
    const plain = namespace('shop', { annotations: withInject('enabled') });
    const labelled = namespace('shop', { labels: { mesh: 'on' }, annotations: withInject('enabled') });
    expect(
      decideInjection({ ...input(ABSENT, ABSENT), namespace: plain, webhook: optIn }).reasons.map(
        (r) => r.code,
      ),
    ).toEqual(['namespace_excluded_by_webhook']);
    expect(decideInjection({ ...input(ABSENT, ABSENT), namespace: labelled, webhook: optIn }).inject).toBe(
      true,
    );
  });
});

describe('optedIn and optedOut', () => {
  it.each([
    { ns: ABSENT, pod: ABSENT, optedIn: false, optedOut: false },
    { ns: 'disabled', pod: ABSENT, optedIn: false, optedOut: false },
    { ns: 'enabled', pod: ABSENT, optedIn: true, optedOut: false },
    { ns: 'ingress', pod: 'disabled', optedIn: true, optedOut: true },
    { ns: ABSENT, pod: 'ingress', optedIn: true, optedOut: false },
    { ns: 'true', pod: ABSENT, optedIn: true, optedOut: false },
    { ns: ABSENT, pod: 'Enabled', optedIn: true, optedOut: false },
  ] as { ns: Value; pod: Value; optedIn: boolean; optedOut: boolean }[])(
    'namespace $ns, pod $pod',
    ({ ns, pod, optedIn, optedOut }) => {
      const e = evaluateInjection(input(ns, pod));
      expect(e.decision.optedIn).toBe(optedIn);
      expect(e.optedOut).toBe(optedOut);
    },
  );
});

describe('the decision trace', () => {
  it('walks webhook, selectors, hostNetwork, sidecars, annotations, automount and the verdict in order', () => {
    const decision = decideInjection({
      ...input('enabled', ABSENT),
      templateSource: 'the current template of Deployment web',
    });
    expect(decision.trace.map((s) => s.rule)).toEqual([...DECISION_RULES]);
    expect(decision.trace.every((s) => s.outcome !== 'block')).toBe(true);
    const selector = decision.trace[1]?.detail ?? '';
    expect(selector).toContain('config.linkerd.io/admission-webhooks NotIn (disabled)');
    expect(selector).toContain('kubernetes.io/metadata.name=shop');
    expect(decision.trace[6]?.detail).toContain(
      'The current template of Deployment web has no linkerd.io/inject annotation',
    );
  });

  it('blocks at the template step when neither side opts in, and names the label that was ignored', () => {
    const template = spec({ labels: { 'linkerd.io/inject': 'enabled' } });
    const decision = decideInjection({ ...input(ABSENT, ABSENT), template });
    const step = decision.trace.find((s) => s.rule === 'template annotation');
    expect(step?.outcome).toBe('block');
    expect(step?.detail).toContain('label linkerd.io/inject=enabled is ignored');
    expect(decision.trace.at(-1)).toMatchObject({ rule: 'pod-verdict', outcome: 'block' });
  });

  it('blocks at the namespace step for an invalid namespace value', () => {
    const decision = decideInjection(input('true', 'enabled'));
    expect(decision.trace.find((s) => s.rule === 'namespace annotation')?.outcome).toBe('block');
    expect(decision.trace.find((s) => s.rule === 'template annotation')?.outcome).toBe('info');
  });
});

describe('the trace is built on first read', () => {
  it('serialises, spreads and compares like a plain field', () => {
    const decision = decideInjection(input('enabled', ABSENT));
    const json = JSON.parse(JSON.stringify(decision)) as { trace: unknown[] };
    expect(json.trace).toHaveLength(9);
    expect({ ...decision }.trace).toBe(decision.trace);
    expect(decision.trace).toBe(decision.trace);
  });

  it('can be replaced', () => {
    const decision = decideInjection(input('enabled', ABSENT));
    decision.trace = [];
    expect(decision.trace).toEqual([]);
  });
});
