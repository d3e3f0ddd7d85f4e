import { describe, expect, it } from 'vitest';
import { caught } from '@/lib/test/caught';
import { isMeshwatchError } from './errors';
import { lintFixRequest, templateKind, workloadInjectionRequest } from './validate';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return isMeshwatchError(err) ? `${err.status} ${err.code}` : 'not a MeshwatchError';
  }
  return undefined;
}

describe('workloadInjectionRequest', () => {
  it('accepts a value or null, with dryRun and a resourceVersion', () => {
    expect(workloadInjectionRequest({ value: 'enabled', dryRun: true, resourceVersion: '42' })).toEqual({
      value: 'enabled',
      dryRun: true,
      resourceVersion: '42',
    });
    expect(workloadInjectionRequest({ value: null })).toEqual({ value: null });
  });

  it('refuses a missing or invalid value, unknown fields and wrong types with a 400', () => {
    expect(codeOf(() => workloadInjectionRequest({}))).toBe('400 invalid_value');
    expect(codeOf(() => workloadInjectionRequest({ value: 'Enabled' }))).toBe('400 invalid_value');
    expect(codeOf(() => workloadInjectionRequest({ value: 3 }))).toBe('400 invalid_value');
    expect(codeOf(() => workloadInjectionRequest({ value: 'enabled', extra: 1 }))).toBe('400 bad_request');
    expect(codeOf(() => workloadInjectionRequest({ value: 'enabled', dryRun: 'yes' }))).toBe(
      '400 bad_request',
    );
    expect(codeOf(() => workloadInjectionRequest({ value: 'enabled', resourceVersion: 'a b' }))).toBe(
      '400 bad_request',
    );
  });
});

describe('lintFixRequest', () => {
  it('accepts a fixable code and an optional value', () => {
    expect(lintFixRequest({ code: 'invalid_inject_value', value: 'disabled' })).toEqual({
      code: 'invalid_inject_value',
      value: 'disabled',
    });
  });

  it('refuses restart_required (a restart, not a metadata fix) and a null value', () => {
    expect(codeOf(() => lintFixRequest({ code: 'restart_required' }))).toBe('400 invalid_value');
    expect(codeOf(() => lintFixRequest({ code: 'invalid_inject_value', value: null }))).toBe(
      '400 invalid_value',
    );
  });
});

describe('templateKind', () => {
  it('takes the four template kinds only', () => {
    expect(templateKind('CronJob')).toBe('CronJob');
    expect(codeOf(() => templateKind('ReplicaSet'))).toBe('400 invalid_kind');
  });
});

describe('the sentences', () => {
  it('a lint fix offers no null, a workload change does', () => {
    expect(caught(() => lintFixRequest({ code: 'invalid_inject_value', value: null })).message).toBe(
      'null is not a valid linkerd.io/inject value: use "enabled", "disabled", "ingress".',
    );
    expect(caught(() => workloadInjectionRequest({ value: 1 })).message).toBe(
      'A number is not a valid linkerd.io/inject value: use "enabled", "disabled", "ingress" or null (remove).',
    );
    expect(caught(() => lintFixRequest({ code: 'nope' })).message).toMatch(/^"code" must be one of /);
  });
});
