import { describe, expect, it } from 'vitest';
import { describeReadiness, failingChecks } from './readiness';

const ETCD_DOWN = `[+]ping ok
[+]log ok
[-]etcd failed: reason withheld
[+]poststarthook/start-apiserver-admission-initializer ok
[-]etcd-readiness failed: reason withheld
[+]informer-sync ok
readyz check failed
`;

describe('failingChecks', () => {
  it('names the failing checks of a verbose /readyz answer', () => {
    expect(failingChecks(ETCD_DOWN)).toEqual(['etcd', 'etcd-readiness']);
  });
  it('finds none in a healthy answer', () => {
    expect(failingChecks('[+]ping ok\n[+]etcd ok\nreadyz check passed\n')).toEqual([]);
  });
});

describe('describeReadiness', () => {
  it('says the API server is up but not ready, naming the checks', () => {
    expect(describeReadiness({ ready: false, status: 500, failing: ['etcd'] })).toBe(
      'The Kubernetes API server answers but is not ready (/readyz HTTP 500: failing etcd)',
    );
  });
});
