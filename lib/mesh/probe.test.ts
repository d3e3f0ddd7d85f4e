import { describe, expect, it } from 'vitest';
import { container, injected, pod, spec } from '../test/mesh-fixtures.ts';
import { isWebhookError, judgeProbe, type ProbeContext } from './probe.ts';

const ctx = (over: Partial<ProbeContext> = {}): ProbeContext => ({
  webhookPresent: true,
  failurePolicy: 'Fail',
  namespaceCalled: true,
  namespace: 'meshwatch',
  durationMs: 38,
  at: '2026-12-02T03:00:00Z',
  ...over,
});
const refused =
  'Internal error occurred: failed calling webhook "linkerd-proxy-injector.linkerd.io": failed to call webhook: Post "https://127.0.0.1:1/?timeout=1s": dial tcp 127.0.0.1:1: connect: connection refused';

describe('judgeProbe', () => {
  it('answering: the test pod came back with a proxy, version and time', () => {
    const v = judgeProbe({ kind: 'created', pod: injected(pod('probe'), { version: 'edge-26.6.3' }) }, ctx());
    expect(v).toMatchObject({ state: 'answering', tone: 'good', injectedVersion: 'edge-26.6.3' });
    expect(v.sentence).toBe('Injector answering, 38 ms, injects edge-26.6.3');
    expect(v.banner).toBeUndefined();
  });

  it('failurePolicy Fail, unreachable: pod creation is failing, loudly, with the API server’s words', () => {
    const v = judgeProbe({ kind: 'refused', message: refused }, ctx());
    expect(v).toMatchObject({ state: 'failing', tone: 'bad', message: refused });
    expect(v.banner).toMatch(/^Pod creation in injected namespaces is failing/);
  });

  it('failurePolicy Ignore, no proxy: new pods start without a proxy', () => {
    const v = judgeProbe({ kind: 'created', pod: spec() }, ctx({ failurePolicy: 'Ignore' }));
    expect(v).toMatchObject({ state: 'bypassed', tone: 'bad' });
    expect(v.banner).toMatch(/^New pods start without a proxy/);
  });

  it('answered under Fail without a proxy: not injecting, no banner', () => {
    const v = judgeProbe({ kind: 'created', pod: spec({ containers: [container('app')] }) }, ctx());
    expect(v).toMatchObject({ state: 'not-injecting', tone: 'warn' });
    expect(v.banner).toBeUndefined();
  });

  it('degrades without permission, without a namespace, without a webhook, or outside its selector', () => {
    expect(judgeProbe({ kind: 'forbidden', message: 'pods is forbidden' }, ctx()).sentence).toMatch(
      /may not create pods \(dry run\) in meshwatch/,
    );
    const off = judgeProbe({ kind: 'disabled', why: 'MESHWATCH_PROBE_NAMESPACE is not set' }, ctx());
    expect(off).toMatchObject({ state: 'disabled', tone: 'neutral' });
    expect(off.sentence).toContain('MESHWATCH_PROBE_NAMESPACE');
    expect(judgeProbe({ kind: 'created', pod: spec() }, ctx({ webhookPresent: false })).state).toBe(
      'no-webhook',
    );
    expect(judgeProbe({ kind: 'created', pod: spec() }, ctx({ namespaceCalled: false })).state).toBe(
      'not-called',
    );
    expect(judgeProbe({ kind: 'error', message: 'ECONNREFUSED' }, ctx()).state).toBe('error');
  });

  it('recognises webhook failures in API server messages', () => {
    expect(isWebhookError(refused)).toBe(true);
    expect(isWebhookError('pods "x" is forbidden: exceeded quota')).toBe(false);
  });
});
