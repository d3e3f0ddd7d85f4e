// bin/meshwatch as a pipeline runs it: a child process on the testbed's admin kubeconfig, no colour.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { ADMIN_KUBECONFIG, ROOT } from './testbed';

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function meshwatchCli(
  args: string[],
  cwd: string,
  env: Record<string, string> = {},
): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn('bash', [path.join(ROOT, 'bin', 'meshwatch'), ...args], {
      cwd,
      env: { ...process.env, KUBECONFIG: ADMIN_KUBECONFIG, NO_COLOR: '1', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 110_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
