// The testbed's real Helm (testbed/helm.sh, built from testbed/go/helm) on the chart in deploy/helm,
// and `kubectl auth can-i --list` read as a set of rules.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { parseAllDocuments } from 'yaml';
import { kubectl, requireTestbed, ROOT } from './testbed';

const run = promisify(execFile);
export const CHART = path.join(ROOT, 'deploy', 'helm', 'meshwatch');

export interface HelmResult {
  stdout: string;
  stderr: string;
  code: number;
}

export async function helm(args: string[]): Promise<HelmResult> {
  requireTestbed();
  try {
    const { stdout, stderr } = await run('bash', ['testbed/helm.sh', ...args], {
      cwd: ROOT,
      timeout: 300_000,
      maxBuffer: 64 << 20,
    });
    return { stdout, stderr, code: 0 };
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; code?: number };
    return { stdout: e.stdout ?? '', stderr: e.stderr ?? '', code: typeof e.code === 'number' ? e.code : 1 };
  }
}

export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string };
  [key: string]: unknown;
}

/** `helm template` of the chart with `--set` values; throws with Helm's message when it fails. */
export async function template(sets: string[] = [], namespace = 'meshwatch'): Promise<K8sObject[]> {
  const res = await helm([
    'template',
    'meshwatch',
    CHART,
    '-n',
    namespace,
    ...sets.flatMap((s) => ['--set', s]),
  ]);
  if (res.code !== 0) throw new Error(res.stderr.trim());
  return parseAllDocuments(res.stdout)
    .map((d) => d.toJS() as K8sObject | null)
    .filter((o): o is K8sObject => o !== null);
}

export function find(objects: K8sObject[], kind: string): K8sObject[] {
  return objects.filter((o) => o.kind === kind);
}

/**
 * `kubectl auth can-i --list` for a ServiceAccount in a namespace, one string per row:
 * `resource [names] verbs` (verbs sorted) or `url:/path verbs`. Impersonation adds the
 * ServiceAccount's groups, so the rows include what every authenticated identity may do.
 */
export async function canIList(
  namespace: string,
  sa: { namespace: string; name: string },
): Promise<string[]> {
  const as = `system:serviceaccount:${sa.namespace}:${sa.name}`;
  const out = (await kubectl(['auth', 'can-i', '--list', '-n', namespace, `--as=${as}`])).stdout;
  const rows = out
    .split('\n')
    .slice(1)
    .filter((l) => l.trim());
  return rows
    .map((line) => {
      const m = /^\s*(\S*)\s+\[(.*?)\]\s+\[(.*?)\]\s+\[(.*?)\]\s*$/.exec(line);
      if (!m) throw new Error(`cannot read can-i row: ${line}`);
      const [, resource = '', urls = '', names = '', verbs = ''] = m;
      const sorted = verbs.split(' ').filter(Boolean).sort().join(' ');
      if (urls) return urls.split(' ').map((u) => `url:${u} ${sorted}`);
      return [`${resource}${names ? ` [${names}]` : ''} ${sorted}`];
    })
    .flat()
    .sort();
}
