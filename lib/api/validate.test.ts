import { describe, expect, it } from 'vitest';
import { caught } from '@/lib/test/caught';
import {
  cancelPlanRequest,
  injectionRequest,
  namespaceName,
  objectName,
  restartableKind,
  restartPlanRequest,
  restartRequest,
} from './validate';
describe('names', () => {
  it('accepts DNS-1123 labels for namespaces', () => {
    expect(namespaceName('shop')).toBe('shop');
    expect(namespaceName('a-1')).toBe('a-1');
    expect(namespaceName('a'.repeat(63))).toHaveLength(63);
  });

  it.each(['', 'Shop', '-a', 'a-', 'a.b', 'a_b', 'a'.repeat(64), '../etc', 'a b'])(
    'rejects namespace %j',
    (name) => {
      const err = caught(() => namespaceName(name));
      expect(err.code).toBe('invalid_name');
      expect(err.status).toBe(400);
    },
  );

  it('accepts DNS-1123 subdomains for object names', () => {
    expect(objectName('web-7d9c.abc')).toBe('web-7d9c.abc');
  });

  it.each(['', 'Web', 'a..b', '.a', 'a/b', 'a'.repeat(254)])('rejects object name %j', (name) => {
    expect(caught(() => objectName(name)).code).toBe('invalid_name');
  });

  it('cuts long names short in messages', () => {
    expect(caught(() => objectName('X'.repeat(500))).message.length).toBeLessThan(300);
  });
});

describe('kinds', () => {
  it.each(['Deployment', 'StatefulSet', 'DaemonSet'])('accepts %s', (kind) =>
    expect(restartableKind(kind)).toBe(kind),
  );
  it.each(['deployment', 'ReplicaSet', 'Job', 'CronJob', 'Pod', ''])('rejects %j', (kind) => {
    const err = caught(() => restartableKind(kind));
    expect(err.code).toBe('invalid_kind');
    expect(err.status).toBe(400);
  });
});

describe('injectionRequest', () => {
  it.each(['enabled', 'disabled', 'ingress', null])('accepts value %j', (value) => {
    expect(injectionRequest({ value })).toEqual({ value, dryRun: false, force: false });
  });

  it('reads dryRun', () => {
    expect(injectionRequest({ value: 'enabled', dryRun: true })).toEqual({
      value: 'enabled',
      dryRun: true,
      force: false,
    });
  });

  it('reads force, and only as a boolean', () => {
    expect(injectionRequest({ value: 'enabled', force: true })).toMatchObject({ force: true });
    expect(caught(() => injectionRequest({ value: 'enabled', force: 'yes' })).code).toBe('bad_request');
  });

  it.each(['Enabled', 'true', '', 1, true, {}, []])('rejects value %j', (value) => {
    expect(caught(() => injectionRequest({ value })).code).toBe('invalid_value');
  });

  it('requires value', () => {
    expect(caught(() => injectionRequest({})).code).toBe('invalid_value');
  });

  it('rejects unknown fields and a non-boolean dryRun', () => {
    const unknown = caught(() => injectionRequest({ value: 'enabled', replicas: 3 }));
    expect(unknown.code).toBe('bad_request');
    expect(unknown.message).toContain('"replicas"');
    expect(caught(() => injectionRequest({ value: 'enabled', dryRun: 'yes' })).code).toBe('bad_request');
  });
});

describe('restartRequest', () => {
  it('accepts {} and dryRun', () => {
    expect(restartRequest({})).toEqual({ dryRun: false, force: false });
    expect(restartRequest({ dryRun: true })).toEqual({ dryRun: true, force: false });
    expect(restartRequest({ force: true })).toEqual({ dryRun: false, force: true });
    expect(caught(() => restartRequest({ force: 1 })).code).toBe('bad_request');
  });

  it('rejects unknown fields', () => {
    expect(caught(() => restartRequest({ value: 'enabled' })).code).toBe('bad_request');
  });
});

describe('restartPlanRequest', () => {
  it('defaults to every namespace, one workload at a time, for real', () => {
    expect(restartPlanRequest({})).toEqual({ namespaces: [], waveSize: 1, dryRun: false, force: false });
    expect(
      restartPlanRequest({ namespaces: ['shop', 'payments'], waveSize: 20, dryRun: true, force: true }),
    ).toEqual({ namespaces: ['shop', 'payments'], waveSize: 20, dryRun: true, force: true });
  });

  it.each([
    [{ waveSize: 0 }, /"waveSize" must be a whole number from 1 to 20/],
    [{ waveSize: 21 }, /from 1 to 20/],
    [{ waveSize: 2.5 }, /from 1 to 20/],
    [{ waveSize: '2' }, /from 1 to 20/],
    [{ namespaces: [] }, /"namespaces" must be a list of 1 to 200/],
    [{ namespaces: 'shop' }, /"namespaces" must be a list/],
    [{ namespaces: Array.from({ length: 201 }, (_, i) => `ns-${i}`) }, /1 to 200/],
    [{ namespaces: [42] }, /must hold names/],
    [{ waves: 2 }, /Unknown field "waves"/],
  ])('refuses %j with 400', (body, message) => {
    const error = caught(() => restartPlanRequest(body as Record<string, unknown>));
    expect(error.status).toBe(400);
    expect(error.message).toMatch(message);
  });

  it('refuses a namespace that is not a DNS-1123 label', () => {
    expect(caught(() => restartPlanRequest({ namespaces: ['Not_A_Namespace'] })).code).toBe('invalid_name');
  });
});

describe('cancelPlanRequest', () => {
  it('takes the run id, a UUID, and nothing else', () => {
    const id = '0f8c2b9e-3c1a-4a57-9d2e-6b1f0c9a7e21';
    expect(cancelPlanRequest({ id })).toEqual({ id });
    expect(caught(() => cancelPlanRequest({})).code).toBe('bad_request');
    expect(caught(() => cancelPlanRequest({ id: 'nope' })).code).toBe('bad_request');
    expect(caught(() => cancelPlanRequest({ id, force: true })).code).toBe('bad_request');
  });
});

describe('the sentences a refused body gets', () => {
  it.each([
    [
      () => injectionRequest({}),
      'invalid_value',
      '"value" is required: "enabled", "disabled", "ingress" or null (remove).',
    ],
    [
      () => injectionRequest({ value: 'Enabled' }),
      'invalid_value',
      '"Enabled" is not a valid linkerd.io/inject value: use "enabled", "disabled", "ingress" or null (remove).',
    ],
    [
      () => injectionRequest({ value: [] }),
      'invalid_value',
      /^A list is not a valid linkerd.io\/inject value/,
    ],
    [
      () => injectionRequest({ value: 'enabled', replicas: 3, dryRun: 'yes' }),
      'bad_request',
      'Unknown field "replicas"; allowed: value, dryRun, force.',
    ],
    [() => restartRequest({ dryRun: 'yes' }), 'bad_request', '"dryRun" must be true or false.'],
    [() => restartRequest({ dryRun: true, force: 1 }), 'bad_request', '"force" must be true or false.'],
    [
      () => cancelPlanRequest({ id: 7 }),
      'bad_request',
      '"id" must be the id of a restart plan run (a UUID).',
    ],
  ])('%#: %s', (refuse, code, sentence) => {
    const error = caught(refuse);
    expect(error.code).toBe(code);
    if (typeof sentence === 'string') expect(error.message).toBe(sentence);
    else expect(error.message).toMatch(sentence);
  });
});
