// `npm start` (#29) as a user runs it after `npm run build`: the standalone build's own server, with the
// static files and public/ beside it, and no "next start does not work with output: standalone"
// warning on the way.
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuild, freePort } from './helpers/server';
import { ADMIN_KUBECONFIG, requireTestbed, ROOT, until } from './helpers/testbed';

let child: ChildProcess | undefined;
let output = '';
let url = '';

beforeAll(async () => {
  requireTestbed();
  await ensureBuild();
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('MESHWATCH_')));
  const started = spawn('npm', ['start'], {
    cwd: ROOT,
    detached: true,
    env: { ...env, NODE_ENV: 'production', KUBECONFIG: ADMIN_KUBECONFIG, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child = started;
  started.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  started.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  await until(
    `npm start to answer /api/readyz (output so far: ${output.slice(-500)})`,
    async () => {
      if (child?.exitCode !== null) throw new Error(`npm start exited ${child?.exitCode}:\n${output}`);
      try {
        return (await fetch(`${url}/api/readyz`, { signal: AbortSignal.timeout(2_000) })).ok || undefined;
      } catch {
        return undefined;
      }
    },
    90_000,
  );
});

afterAll(async () => {
  if (child?.pid && child.exitCode === null) {
    const exited = new Promise((r) => child?.once('exit', r));
    process.kill(-child.pid, 'SIGTERM');
    await exited;
  }
});

describe('npm start', () => {
  it('serves the dashboard, its scripts and public/, on 127.0.0.1 only', async () => {
    const page = await fetch(`${url}/`);
    expect(page.status).toBe(200);
    const html = await page.text();
    const script = /\/_next\/static\/[^"]+\.js/.exec(html)?.[0];
    expect(script, 'a script on the page').toBeDefined();
    expect((await fetch(`${url}${script}`)).status).toBe(200);
    const robots = await fetch(`${url}/robots.txt`);
    expect([robots.status, await robots.text()]).toEqual([200, expect.stringContaining('Disallow: /')]);
    expect((await fetch(`${url}/api/v1/overview`)).status).toBe(200);
  });

  it('says nothing about a command that does not work', () => {
    expect(output).not.toMatch(/does not work with "output: standalone"/);
    expect(output).not.toMatch(/⚠/);
    expect(output).toContain('meshwatch cluster cache started');
  });
});
