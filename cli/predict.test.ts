// `meshwatch check -f` against a dump (--from-file): the human output is pinned by a golden file that a
// person reviewed (cli/testdata/check-f.golden.txt; MESHWATCH_UPDATE_GOLDEN=1 rewrites it), the JSON
// shape, standard input, and the exit codes.
import { mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtureDump } from '@/lib/test/dump-fixtures';
import { EXIT, run } from './run';
import type { PredictReport } from './predict';

const testdata = path.join(import.meta.dirname, 'testdata');
const golden = path.join(testdata, 'check-f.golden.txt');
const dir = mkdtempSync(path.join(tmpdir(), 'meshwatch-predict-'));
const dump = path.join(dir, 'dump.json');
writeFileSync(dump, JSON.stringify(fixtureDump()));
// The snapshot's time is the file's: a fixed one keeps the golden output still.
const takenAt = new Date('2026-12-01T09:00:00Z');
utimesSync(dump, takenAt, takenAt);

async function cli(args: string[], stdin = '') {
  let stdout = '';
  let stderr = '';
  const code = await run(args, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    env: {} as NodeJS.ProcessEnv,
    cwd: testdata,
    readStdin: async () => stdin,
  });
  return { code, stdout, stderr };
}

describe('meshwatch check -f (predictions for manifests not yet applied)', () => {
  it('prints every workload with its verdict, reasons, fixes and lints (golden)', async () => {
    const { code, stdout } = await cli(['check', '-f', 'manifests', '--from-file', dump]);
    // The snapshot's file name varies per run; the rest is exactly the reviewed output.
    const text = stdout.replace(dump, 'dump.json');
    if (process.env.MESHWATCH_UPDATE_GOLDEN === '1') writeFileSync(golden, text);
    expect(text).toBe(readFileSync(golden, 'utf8'));
    expect(code).toBe(EXIT.problems); // the hostNetwork DaemonSet in an opted-in namespace
  });

  it('answers in JSON with the documented fields', async () => {
    const { code, stdout } = await cli(['check', '-f', 'manifests', '--from-file', dump, '-o', 'json']);
    expect(code).toBe(EXIT.problems);
    const report = JSON.parse(stdout) as PredictReport;
    const byName = Object.fromEntries(report.workloads.map((w) => [`${w.namespace}/${w.kind}/${w.name}`, w]));
    expect(Object.keys(byName).sort()).toEqual([
      'brand-new/Deployment/edge',
      'default/Pod/debug',
      'shop/DaemonSet/node-agent',
      'shop/Deployment/api',
      'shop/StatefulSet/cache',
      'tools/CronJob/report',
    ]);
    expect(byName['shop/Deployment/api']).toMatchObject({ willBeMeshed: true, proxyVersion: 'edge-25.6.1' });
    expect(byName['shop/DaemonSet/node-agent']).toMatchObject({
      willBeMeshed: false,
      class: 'will-not-be-meshed',
    });
    expect(byName['shop/DaemonSet/node-agent']?.reasons.map((r) => r.code)).toEqual(['host_network_enabled']);
    expect(byName['shop/StatefulSet/cache']).toMatchObject({ willBeMeshed: false, class: 'unmeshed' });
    // tools is plain in the cluster; the input's Namespace opts it in.
    expect(byName['tools/CronJob/report']).toMatchObject({ willBeMeshed: true });
    expect(byName['brand-new/Deployment/edge']).toMatchObject({ willBeMeshed: null, class: 'unknown' });
    expect(byName['brand-new/Deployment/edge']?.lints.map((l) => l.code)).toContain('inject_set_as_label');
    expect(byName['default/Pod/debug']?.willBeMeshed).toBeNull();
    for (const w of report.workloads)
      expect(Object.keys(w)).toEqual(
        expect.arrayContaining(['namespace', 'kind', 'name', 'willBeMeshed', 'reasons', 'lints']),
      );
  });

  it('reads standard input (helm template | meshwatch check -f -) and -n for objects without a namespace', async () => {
    const pod = readFileSync(path.join(testdata, 'manifests', 'elsewhere.json'), 'utf8');
    const { code, stdout } = await cli(
      ['check', '-f', '-', '-n', 'shop', '--from-file', dump, '-o', 'json'],
      pod,
    );
    const report = JSON.parse(stdout) as PredictReport;
    expect(report.workloads.find((w) => w.name === 'debug')).toMatchObject({
      namespace: 'shop',
      willBeMeshed: true,
    });
    expect(code).toBe(EXIT.ok); // edge is unknown, which fails only when asked
    const strict = await cli(
      ['check', '-f', '-', '-n', 'shop', '--from-file', dump, '--fail-on', 'unknown'],
      pod,
    );
    expect(strict.code).toBe(EXIT.problems);
  });

  it('refuses what it cannot read, and --fail-on classes of the other mode, as usage errors', async () => {
    const missing = await cli(['check', '-f', 'nowhere.yaml', '--from-file', dump]);
    expect([missing.code, missing.stderr]).toEqual([
      EXIT.usage,
      'meshwatch: nowhere.yaml: no such file or directory.\n',
    ]);
    const broken = await cli(['check', '-f', '-', '--from-file', dump], 'kind: [unclosed');
    expect(broken.code).toBe(EXIT.usage);
    expect(broken.stderr).toMatch(/standard input is not valid YAML or JSON/);
    const wrongClass = await cli([
      'check',
      '-f',
      'manifests',
      '--from-file',
      dump,
      '--fail-on',
      'missing-proxy',
    ]);
    expect(wrongClass.code).toBe(EXIT.usage);
    expect(wrongClass.stderr).toMatch(/--fail-on missing-proxy does not apply to -f/);
    const liveClass = await cli(['check', '--from-file', dump, '--fail-on', 'will-not-be-meshed']);
    expect(liveClass.code).toBe(EXIT.usage);
  });
});
