import { describe, expect, it } from 'vitest';
import { REASON_ORDER, REASONS } from './reasons.ts';
import { STATUS_SENTENCES, barTone, podWhy, reasonSentence, statusSentence } from './status-words.ts';
import { POD_STATUSES, type StatusCounts } from './outputs.ts';

const zero: StatusCounts = {
  meshed: 0,
  'missing-proxy': 0,
  'unwanted-proxy': 0,
  'outdated-proxy': 0,
  'not-injectable': 0,
  unmeshed: 0,
};

describe('reason sentences', () => {
  it.each(REASON_ORDER)('%s reads as words, never as its code', (code) => {
    const text = reasonSentence(code);
    expect(text).toBe(REASONS[code].message);
    expect(text).not.toContain(code);
    expect(text).toMatch(/ /);
  });
  it('keeps an unknown code visible rather than hiding it', () => {
    expect(reasonSentence('something_new')).toBe('something_new');
  });
});

describe('status sentences', () => {
  it.each(POD_STATUSES)('%s has a sentence', (status) => {
    expect(statusSentence(status)).toBe(STATUS_SENTENCES[status]);
    expect(statusSentence(status)).not.toContain('-');
  });
});

describe('podWhy', () => {
  it('prefers the first reason, then the injector’s own evidence, then the status', () => {
    expect(podWhy('not-injectable', ['host_network_enabled', 'sidecar_already_exists'])).toBe(
      'hostNetwork is enabled',
    );
    expect(podWhy('missing-proxy', [], 'failed calling webhook: connection refused')).toBe(
      'Started without a proxy: failed calling webhook: connection refused',
    );
    expect(podWhy('missing-proxy', [])).toBe(STATUS_SENTENCES['missing-proxy']);
    expect(podWhy('outdated-proxy', [], 'ignored')).toBe(STATUS_SENTENCES['outdated-proxy']);
  });
});

describe('barTone', () => {
  it('follows the statuses, not only the proxies', () => {
    expect(barTone({ ...zero, 'unwanted-proxy': 4 })).toBe('accent');
    expect(barTone({ ...zero, meshed: 4 })).toBe('good');
    expect(barTone({ ...zero, meshed: 3, 'outdated-proxy': 1 })).toBe('info');
    expect(barTone({ ...zero, meshed: 3, 'missing-proxy': 1, 'unwanted-proxy': 1 })).toBe('warn');
    expect(barTone({ ...zero, meshed: 3, 'not-injectable': 1, 'missing-proxy': 1 })).toBe('bad');
    expect(barTone({ ...zero, unmeshed: 2 })).toBe('neutral');
    expect(barTone(zero)).toBe('neutral');
  });
});
