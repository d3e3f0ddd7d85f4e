import { describe, expect, it } from 'vitest';
import { evaluateInjection } from './decision.ts';
import { evaluateMatchConditions, unknownPath } from './match-conditions.ts';
import type { PodSpecRecord } from './inputs.ts';
import { ruleMatchesPodCreate, rulesMatchPodCreate } from './webhook-rules.ts';

const LINKERD_RULE = {
  operations: ['CREATE'],
  apiGroups: [''],
  apiVersions: ['v1'],
  resources: ['pods'],
  scope: '*',
};

const template: PodSpecRecord = {
  labels: { app: 'cart', tier: 'web' },
  annotations: { 'linkerd.io/inject': 'enabled' },
  hostNetwork: false,
  containers: [{ name: 'app', image: 'example.test/cart:1.0' }],
  initContainers: [],
};

describe('webhook rules for a pod CREATE', () => {
  it("matches Linkerd's own rule and wildcards", () => {
    expect(ruleMatchesPodCreate(LINKERD_RULE)).toBe(true);
    expect(
      ruleMatchesPodCreate({ operations: ['*'], apiGroups: ['*'], apiVersions: ['*'], resources: ['*'] }),
    ).toBe(true);
    expect(ruleMatchesPodCreate({ ...LINKERD_RULE, resources: ['*/*'] })).toBe(true);
    expect(ruleMatchesPodCreate({ ...LINKERD_RULE, scope: 'Namespaced' })).toBe(true);
  });
  it('does not match other resources, operations, groups, versions, subresources or cluster scope', () => {
    expect(ruleMatchesPodCreate({ ...LINKERD_RULE, resources: ['configmaps'] })).toBe(false);
    expect(ruleMatchesPodCreate({ ...LINKERD_RULE, resources: ['pods/*'] })).toBe(false);
    expect(ruleMatchesPodCreate({ ...LINKERD_RULE, operations: ['UPDATE'] })).toBe(false);
    expect(ruleMatchesPodCreate({ ...LINKERD_RULE, apiGroups: ['apps'] })).toBe(false);
    expect(ruleMatchesPodCreate({ ...LINKERD_RULE, apiVersions: ['v1beta1'] })).toBe(false);
    expect(ruleMatchesPodCreate({ ...LINKERD_RULE, scope: 'Cluster' })).toBe(false);
  });
  it('needs one matching rule; no rules at all means never called; unrecorded rules mean Linkerd’s', () => {
    expect(rulesMatchPodCreate([{ ...LINKERD_RULE, resources: ['configmaps'] }, LINKERD_RULE])).toBe(true);
    expect(rulesMatchPodCreate([])).toBe(false);
    expect(rulesMatchPodCreate(undefined)).toBe(true);
  });
});

describe('matchConditions', () => {
  const run = (...expressions: string[]) =>
    evaluateMatchConditions(
      expressions.map((expression, i) => ({ name: `c${i}`, expression })),
      'shop',
      template,
    );

  it('calls the webhook when every condition is true', () => {
    expect(run("object.metadata.labels.app == 'cart'", "request.operation == 'CREATE'")).toEqual({
      outcome: 'called',
    });
    expect(
      run(
        '!has(object.metadata.labels.skip)',
        "object.spec.containers.all(c, c.image.startsWith('example.test/'))",
      ),
    ).toEqual({
      outcome: 'called',
    });
    expect(run("request.namespace == 'shop' && oldObject == null")).toEqual({ outcome: 'called' });
  });
  it('skips the webhook when any condition is false, even if another cannot be evaluated', () => {
    expect(run("object.metadata.labels.tier == 'db'")).toEqual({ outcome: 'skipped', condition: 'c0' });
    expect(
      run("request.userInfo.username == 'x'", "'skip' in object.metadata.labels == false && false"),
    ).toEqual({
      outcome: 'skipped',
      condition: 'c1',
    });
  });
  it('says "cannot evaluate" for what it does not know instead of guessing', () => {
    expect(
      run("request.userInfo.username != 'system:serviceaccount:kube-system:replicaset-controller'"),
    ).toMatchObject({
      outcome: 'unknown',
      condition: 'c0',
      why: expect.stringContaining('request.userInfo.username'),
    });
    expect(run("authorizer.group('').resource('pods').check('create').allowed()")).toMatchObject({
      outcome: 'unknown',
      why: expect.stringContaining('cannot evaluate'),
    });
    expect(run('has(object.spec.nodeName)')).toMatchObject({
      outcome: 'unknown',
      why: expect.stringContaining('object.spec.nodeName'),
    });
    expect(run("object.metadata.labels.missing == 'x'")).toMatchObject({ outcome: 'unknown' });
    expect(run("'x'")).toMatchObject({ outcome: 'unknown', why: 'it does not evaluate to a bool' });
  });
  it('treats none as called', () => {
    expect(evaluateMatchConditions(undefined, 'shop', template)).toEqual({ outcome: 'called' });
  });
});

describe('unknownPath', () => {
  it('allows methods and indexes on known paths, flags bare prefixes', () => {
    expect(
      unknownPath("object.spec.containers.size() > 0 && object.metadata.labels['app'] == 'x'"),
    ).toBeUndefined();
    expect(unknownPath("'labels' in object.metadata")).toBe('object.metadata');
    expect(unknownPath('object.metadata.name == "x"')).toBe('object.metadata.name');
  });
});

describe('the decision with webhook rules and matchConditions', () => {
  const namespace = { name: 'shop', labels: {}, annotations: { 'linkerd.io/inject': 'enabled' } };
  const webhook = {
    configurationName: 'linkerd-proxy-injector-webhook-config',
    webhookName: 'linkerd-proxy-injector.linkerd.io',
    failurePolicy: 'Ignore',
    target: 'service linkerd/linkerd-proxy-injector:443/',
    rules: [LINKERD_RULE],
  };
  const decide = (w: Partial<typeof webhook> & Record<string, unknown>) =>
    evaluateInjection({ namespace, template, webhook: { ...webhook, ...w }, controlPlane: null });

  it("injects under Linkerd's own rule", () => {
    expect(decide({}).decision.inject).toBe(true);
  });
  it('does not inject when the rules only cover configmaps, and says why', () => {
    const { decision, webhookCalled } = decide({ rules: [{ ...LINKERD_RULE, resources: ['configmaps'] }] });
    expect(webhookCalled).toBe(false);
    expect(decision.reasons.map((r) => r.code)).toEqual(['webhook_rules_exclude_pods']);
    expect(decision.trace.find((s) => s.rule === 'webhook rules')?.outcome).toBe('block');
  });
  it('does not inject when a matchCondition is false, naming it in the trace', () => {
    const { decision } = decide({
      matchConditions: [{ name: 'only-db', expression: "object.metadata.labels.tier == 'db'" }],
    });
    expect(decision.reasons.map((r) => r.code)).toEqual(['webhook_match_condition_false']);
    expect(decision.trace.find((s) => s.rule === 'webhook matchConditions')?.detail).toContain('only-db');
  });
  it('says it cannot evaluate rather than promising injection', () => {
    const { decision, webhookCallUnknown } = decide({
      matchConditions: [{ name: 'not-controllers', expression: "request.userInfo.username != 'x'" }],
    });
    expect(webhookCallUnknown).toBe(true);
    expect(decision.inject).toBe(false);
    expect(decision.reasons.map((r) => r.code)).toEqual(['webhook_match_condition_unknown']);
  });
});
