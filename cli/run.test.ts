import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fixtureDump } from '@/lib/test/dump-fixtures';
import { EXIT, run } from './run';

const dir = mkdtempSync(path.join(tmpdir(), 'meshwatch-cli-'));
writeFileSync(path.join(dir, 'dump.json'), JSON.stringify(fixtureDump()));
writeFileSync(path.join(dir, 'broken.json'), '{"kind": "List", "items": [');

async function cli(args: string[], opts: { tty?: boolean } = {}) {
  let stdout = '';
  let stderr = '';
  const code = await run(args, {
    stdout: { write: (s: string) => (stdout += s), isTTY: opts.tty },
    stderr: { write: (s: string) => (stderr += s) },
    env: {} as NodeJS.ProcessEnv,
    cwd: dir,
  });
  return { code, stdout, stderr };
}

describe('meshwatch check --from-file', () => {
  it('exits 1 and lists the pod missing its proxy, with its fix', async () => {
    const { code, stdout } = await cli(['check', '--from-file', 'dump.json']);
    expect(code).toBe(EXIT.problems);
    expect(stdout).toMatch(/× shop\s+2 pods, 1 meshed; 1 missing-proxy/);
    expect(stdout).toMatch(/√ tools/);
    expect(stdout).toMatch(/× shop\/web-5f7b-nopxy \(deployment\/web\)\s+missing-proxy\n\s+fix: .+/);
    expect(stdout).toContain('Status check results are ×');
    expect(stdout).not.toContain('\u001b[');
  });

  it('colours only a terminal', async () => {
    expect((await cli(['check', '--from-file', 'dump.json'], { tty: true })).stdout).toContain('\u001b[31m×');
  });

  it('passes when no pod has a --fail-on status, or for one clean namespace', async () => {
    expect((await cli(['check', '--from-file', 'dump.json', '--fail-on', 'not-injectable'])).code).toBe(
      EXIT.ok,
    );
    expect((await cli(['check', '--from-file', 'dump.json', '--fail-on', 'none'])).code).toBe(EXIT.ok);
    const tools = await cli(['check', '--from-file', 'dump.json', '-n', 'tools']);
    expect(tools.code).toBe(EXIT.ok);
    expect(tools.stdout).not.toContain('shop');
  });

  it('prints the API shapes with --output json', async () => {
    const { code, stdout } = await cli(['check', '--from-file', 'dump.json', '-o', 'json']);
    expect(code).toBe(EXIT.problems);
    const report = JSON.parse(stdout);
    expect(report.result).toBe('problems');
    expect(report.failOn).toEqual(['missing-proxy', 'unwanted-proxy', 'outdated-proxy']);
    expect(report.overview.context.snapshot.file).toBe('dump.json');
    expect(report.overview.cluster.webhookPresent).toBe(true);
    expect(report.problems.map((p: { name: string; status: string }) => [p.name, p.status])).toEqual([
      ['web-5f7b-nopxy', 'missing-proxy'],
    ]);
    expect(report.problems[0].owner).toMatchObject({ kind: 'ReplicaSet', name: 'web-5f7b' });
  });

  it('exits 2 for bad arguments', async () => {
    const bad = await cli(['check', '--from-file', 'dump.json', '--fail-on', 'missing-proxy,bogus']);
    expect(bad.code).toBe(EXIT.usage);
    expect(bad.stderr).toMatch(/--fail-on.*missing-proxy, unwanted-proxy/s);
    expect((await cli(['check', '-o', 'yaml'])).code).toBe(EXIT.usage);
    expect((await cli(['frobnicate'])).code).toBe(EXIT.usage);
    expect((await cli(['check', '--from-file', 'dump.json', '-n', 'nope'])).code).toBe(EXIT.usage);
    expect((await cli(['--help'])).code).toBe(EXIT.ok);
  });

  it('exits 3 with a clear message when the dump cannot be used', async () => {
    const missing = await cli(['check', '--from-file', 'nope.json']);
    expect(missing.code).toBe(EXIT.unreachable);
    expect(missing.stderr).toMatch(/Cannot read the dump .*nope\.json: ENOENT/);
    const broken = await cli(['check', '--from-file', 'broken.json']);
    expect(broken.code).toBe(EXIT.unreachable);
    expect(broken.stderr).toMatch(/^meshwatch: broken\.json is not JSON/);
    expect(broken.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('meshwatch check on a live cluster', () => {
  const saved = { ...process.env };
  afterAll(() => {
    process.env = saved;
  });

  it('exits 3 when the API server cannot be reached', async () => {
    const kubeconfig = path.join(dir, 'kubeconfig');
    writeFileSync(
      kubeconfig,
      [
        'apiVersion: v1',
        'kind: Config',
        'clusters: [{name: c, cluster: {server: "https://127.0.0.1:1"}}]',
        'users: [{name: u, user: {token: t}}]',
        'contexts: [{name: dead, context: {cluster: c, user: u}}]',
        'current-context: dead',
      ].join('\n'),
    );
    process.env.KUBECONFIG = kubeconfig;
    const { code, stderr } = await cli(['check', '--timeout', '20']);
    expect(code).toBe(EXIT.unreachable);
    expect(stderr).toMatch(/^meshwatch: Cannot reach the cluster: /);
  }, 60_000);
});

describe('meshwatch explain', () => {
  it('prints the decision trace of a pod in a dump', async () => {
    const { code, stdout } = await cli(['explain', 'shop/web-5f7b-nopxy', '--from-file', 'dump.json']);
    expect(code).toBe(EXIT.ok);
    expect(stdout).toMatch(/^shop\/web-5f7b-nopxy\s+missing-proxy/);
    expect(stdout).toContain('decision trace');
    expect(stdout).toMatch(/√ .+/);
  });

  it('prints the API pod response with --output json', async () => {
    const { stdout } = await cli([
      'explain',
      'shop/web-5f7b-meshd',
      '--from-file',
      'dump.json',
      '-o',
      'json',
    ]);
    const response = JSON.parse(stdout);
    expect(response.pod).toMatchObject({ name: 'web-5f7b-meshd', status: 'meshed' });
    expect(response.pod.trace.length).toBeGreaterThan(0);
    expect(response.events).toEqual([]);
  });

  it('exits 2 for a pod that is not there or a malformed reference', async () => {
    const missing = await cli(['explain', 'shop/nope', '--from-file', 'dump.json']);
    expect(missing.code).toBe(EXIT.usage);
    expect(missing.stderr).toContain('Pod "nope" not found in namespace "shop"');
    expect((await cli(['explain', 'just-a-name', '--from-file', 'dump.json'])).code).toBe(EXIT.usage);
  });
});
