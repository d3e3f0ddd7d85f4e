import { describe, expect, it } from 'vitest';
import type { PodVerdict } from '@/lib/api/dto';
import { filterPods, sortPods } from './pod-list';

function pod(name: string, overrides: Partial<PodVerdict> = {}): PodVerdict {
  return {
    namespace: 'shop',
    name,
    uid: name,
    createdAt: '2025-01-01T00:00:00Z',
    phase: 'Running',
    deleting: false,
    meshed: false,
    nativeSidecar: false,
    expected: false,
    status: 'unmeshed',
    reasons: [],
    ...overrides,
  };
}

const pods = [
  pod('web-b', {
    status: 'meshed',
    createdAt: '2025-01-03T00:00:00Z',
    workload: { kind: 'Deployment', name: 'web' },
  }),
  pod('web-a', {
    status: 'missing-proxy',
    createdAt: '2025-01-01T00:00:00Z',
    workload: { kind: 'Deployment', name: 'web' },
  }),
  pod('db-0', {
    status: 'not-injectable',
    createdAt: '2025-01-02T00:00:00Z',
    reasons: [{ code: 'host_network_enabled', message: 'hostNetwork is enabled', fix: '' }],
  }),
];

describe('pod list', () => {
  it('filters by any of the chosen statuses and by every search word', () => {
    expect(filterPods(pods, { statuses: ['meshed', 'missing-proxy'], query: '' }).map((p) => p.name)).toEqual(
      ['web-b', 'web-a'],
    );
    expect(filterPods(pods, { statuses: [], query: 'host_network' }).map((p) => p.name)).toEqual(['db-0']);
    expect(filterPods(pods, { statuses: [], query: 'web deployment' })).toHaveLength(2);
  });

  it('sorts by urgency of status, then name; and by age with the youngest first', () => {
    expect(sortPods(pods, { key: 'status', direction: 'asc' }).map((p) => p.name)).toEqual([
      'web-a',
      'db-0',
      'web-b',
    ]);
    expect(sortPods(pods, { key: 'age', direction: 'asc' }).map((p) => p.name)).toEqual([
      'web-b',
      'db-0',
      'web-a',
    ]);
    expect(sortPods(pods, { key: 'name', direction: 'desc' }).map((p) => p.name)).toEqual([
      'web-b',
      'web-a',
      'db-0',
    ]);
  });
});
