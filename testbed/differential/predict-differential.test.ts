// `meshwatch check -f` (#29) against a REAL Linkerd proxy-injector: the differential matrix's namespaces
// and workloads (cases.ts) are written as manifests, judged by bin/meshwatch before anything is applied
// (the namespaces do not exist yet: the input's Namespace objects decide), then created for real; every
// pod the injector let through is compared with its prediction (proxy or not). Pods the API server
// refused (an injector error under failurePolicy Fail) are counted apart: there is nothing to compare.
//   DIFF_MATRIX=predict, run by scripts/test-linkerd.sh with the Linkerd suite.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { PredictReport } from '../../cli/predict';
import { deleteNamespaces, kubectl, ROOT } from '../tests/helpers/testbed';
import { meshwatchCli } from '../tests/helpers/cli';
import { buildCases, caseManifest, namespaceManifests } from './cases';
import { matrixPods, waitForDeploymentPods } from './live';

/* eslint-disable @typescript-eslint/no-explicit-any -- raw API JSON */
type Obj = any;

const RUN = `p${Math.random().toString(36).slice(2, 5)}`;
const cases = buildCases(RUN, ['Pod', 'Deployment']);
const namespaces = [...new Set(cases.map((c) => c.namespace))];
const WORK = path.join(ROOT, 'test-results', 'differential-predict');
const REPORT = process.env.DIFF_REPORT ?? path.join(WORK, 'report.json');

const meshwatch = (args: string[]) => meshwatchCli(args, WORK);

const hasProxy = (pod: Obj) =>
  [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])].some(
    (c: Obj) => c.name === 'linkerd-proxy',
  );

afterAll(async () => {
  if (!process.env.DIFF_KEEP) await deleteNamespaces(namespaces);
});

describe('check -f predictions vs the real Linkerd proxy-injector', () => {
  it(`agrees on every pod of ${cases.length} cases`, async () => {
    mkdirSync(WORK, { recursive: true });
    const file = path.join(WORK, `manifests-${RUN}.json`);
    const items = [...namespaceManifests(cases), ...cases.map(caseManifest)];
    writeFileSync(file, JSON.stringify({ apiVersion: 'v1', kind: 'List', items }));

    const predicted = await meshwatch(['check', '-f', file, '-o', 'json', '--fail-on', 'none']);
    expect(predicted.stderr).toBe('');
    const report = JSON.parse(predicted.stdout) as PredictReport;
    const prediction = new Map(report.workloads.map((w) => [`${w.namespace}/${w.name}`, w]));
    expect(prediction.size).toBe(cases.length);

    await kubectl(['create', '-f', '-'], {
      input: JSON.stringify({ apiVersion: 'v1', kind: 'List', items: namespaceManifests(cases) }),
    });
    await new Promise((r) => setTimeout(r, 5000)); // the injector's namespace informer
    for (const ns of namespaces)
      await kubectl(['create', '-f', '-'], {
        input: JSON.stringify({
          apiVersion: 'v1',
          kind: 'List',
          items: cases.filter((c) => c.namespace === ns).map(caseManifest),
        }),
        allowFailure: true, // refused pods are counted below
      });

    await waitForDeploymentPods(
      namespaces,
      cases.filter((c) => c.kind === 'Deployment'),
    );

    const pods = await matrixPods(namespaces);
    const rows = cases.map((c) => {
      const pod = pods.find((p) =>
        c.kind === 'Pod'
          ? p.metadata.namespace === c.namespace && p.metadata.name === c.name
          : p.metadata.namespace === c.namespace && p.metadata.labels?.app === c.name,
      );
      const w = prediction.get(c.id);
      return {
        id: c.id,
        predicted: w?.willBeMeshed,
        reasons: w?.reasons.map((r) => r.code),
        injected: pod ? hasProxy(pod) : undefined,
      };
    });
    writeFileSync(REPORT, JSON.stringify(rows, null, 1));
    const compared = rows.filter((r) => r.injected !== undefined);
    const disagree = compared.filter((r) => r.predicted !== r.injected);
    console.log(
      `check -f vs the real injector: ${compared.length - disagree.length}/${compared.length} pods agree; ${rows.length - compared.length} refused by the API server (not compared); report ${REPORT}`,
    );
    expect(compared.length).toBeGreaterThan(cases.length / 2);
    expect(disagree, 'predictions the real injector contradicted').toEqual([]);
  });
});
