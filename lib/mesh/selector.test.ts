import { describe, expect, it } from 'vitest';
import { describeLabels, describeSelector, matchesSelector } from './selector.ts';
import type { LabelSelector } from './types.ts';

const team = { team: 'a', tier: 'web' };

describe('matchesSelector', () => {
  it.each<{
    name: string;
    selector: LabelSelector | undefined;
    labels: Record<string, string>;
    matches: boolean;
  }>([
    { name: 'undefined selector matches everything', selector: undefined, labels: {}, matches: true },
    { name: 'empty selector matches everything', selector: {}, labels: team, matches: true },
    {
      name: 'empty lists match everything',
      selector: { matchLabels: {}, matchExpressions: [] },
      labels: {},
      matches: true,
    },
    { name: 'matchLabels equal', selector: { matchLabels: { team: 'a' } }, labels: team, matches: true },
    {
      name: 'matchLabels different value',
      selector: { matchLabels: { team: 'b' } },
      labels: team,
      matches: false,
    },
    {
      name: 'matchLabels absent key',
      selector: { matchLabels: { owner: 'x' } },
      labels: team,
      matches: false,
    },
    {
      name: 'matchLabels empty value vs absent key',
      selector: { matchLabels: { owner: '' } },
      labels: team,
      matches: false,
    },
    {
      name: 'matchLabels empty value present',
      selector: { matchLabels: { owner: '' } },
      labels: { owner: '' },
      matches: true,
    },
    {
      name: 'In, value listed',
      selector: { matchExpressions: [{ key: 'team', operator: 'In', values: ['a', 'b'] }] },
      labels: team,
      matches: true,
    },
    {
      name: 'In, value not listed',
      selector: { matchExpressions: [{ key: 'team', operator: 'In', values: ['c'] }] },
      labels: team,
      matches: false,
    },
    {
      name: 'In, key absent',
      selector: { matchExpressions: [{ key: 'owner', operator: 'In', values: ['a'] }] },
      labels: team,
      matches: false,
    },
    {
      name: 'NotIn, value listed',
      selector: { matchExpressions: [{ key: 'team', operator: 'NotIn', values: ['a'] }] },
      labels: team,
      matches: false,
    },
    {
      name: 'NotIn, value not listed',
      selector: { matchExpressions: [{ key: 'team', operator: 'NotIn', values: ['b'] }] },
      labels: team,
      matches: true,
    },
    {
      name: 'NotIn, key absent matches',
      selector: { matchExpressions: [{ key: 'owner', operator: 'NotIn', values: ['a'] }] },
      labels: team,
      matches: true,
    },
    {
      name: 'Exists, present',
      selector: { matchExpressions: [{ key: 'tier', operator: 'Exists' }] },
      labels: team,
      matches: true,
    },
    {
      name: 'Exists, absent',
      selector: { matchExpressions: [{ key: 'owner', operator: 'Exists' }] },
      labels: team,
      matches: false,
    },
    {
      name: 'DoesNotExist, absent matches',
      selector: { matchExpressions: [{ key: 'owner', operator: 'DoesNotExist' }] },
      labels: team,
      matches: true,
    },
    {
      name: 'DoesNotExist, present',
      selector: { matchExpressions: [{ key: 'tier', operator: 'DoesNotExist' }] },
      labels: team,
      matches: false,
    },
    {
      name: 'unknown operator matches nothing',
      selector: { matchExpressions: [{ key: 'team', operator: 'Gt', values: ['1'] }] },
      labels: team,
      matches: false,
    },
    {
      name: 'lowercase operator is unknown',
      selector: { matchExpressions: [{ key: 'team', operator: 'in', values: ['a'] }] },
      labels: team,
      matches: false,
    },
    {
      name: 'matchLabels AND expressions: both hold',
      selector: {
        matchLabels: { team: 'a' },
        matchExpressions: [{ key: 'tier', operator: 'In', values: ['web'] }],
      },
      labels: team,
      matches: true,
    },
    {
      name: 'matchLabels AND expressions: one fails',
      selector: {
        matchLabels: { team: 'a' },
        matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['web'] }],
      },
      labels: team,
      matches: false,
    },
    {
      name: 'every expression must hold',
      selector: {
        matchExpressions: [
          { key: 'team', operator: 'Exists' },
          { key: 'owner', operator: 'Exists' },
        ],
      },
      labels: team,
      matches: false,
    },
  ])('$name', ({ selector, labels, matches }) => {
    expect(matchesSelector(selector, labels)).toBe(matches);
  });

  it('does not treat inherited object properties as labels', () => {
    expect(matchesSelector({ matchExpressions: [{ key: 'toString', operator: 'Exists' }] }, {})).toBe(false);
  });
});

describe('describeSelector and describeLabels', () => {
  it('prints selectors the way kubectl does', () => {
    expect(
      describeSelector({
        matchLabels: { team: 'a' },
        matchExpressions: [
          { key: 'env', operator: 'NotIn', values: ['dev', 'test'] },
          { key: 'tier', operator: 'Exists' },
          { key: 'legacy', operator: 'DoesNotExist' },
        ],
      }),
    ).toBe('team=a, env NotIn (dev, test), tier, !legacy');
    expect(describeSelector(undefined)).toBe('everything');
    expect(describeSelector({})).toBe('everything');
  });

  it('prints labels sorted by key', () => {
    expect(describeLabels({ z: '1', a: '2' })).toBe('{a=2, z=1}');
    expect(describeLabels({})).toBe('{}');
  });
});
