import 'server-only';
// `meshwatch check`: the API's overview plus every pod whose status is in --fail-on, as JSON (the API's
// shapes) or as a `linkerd check`-style table: the injector first, then ✔/✘ per namespace, then the
// problems with their reasons and fixes.
import type { OverviewResponse, PodRow } from '@/lib/api/dto';
import { MeshwatchError } from '@/lib/api/errors';
import type { ClusterSource } from '@/lib/k8s/source';
import { namespaceView, overviewView } from '@/lib/server/responses';
import { isCounted, type PodStatus } from '@/lib/mesh';
import type { Paint } from './paint';

export interface CheckReport {
  result: 'ok' | 'problems';
  failOn: PodStatus[];
  overview: OverviewResponse;
  problems: PodRow[];
}

export function checkReport(source: ClusterSource, failOn: PodStatus[], namespace?: string): CheckReport {
  const overview = overviewView(source);
  if (namespace) {
    overview.namespaces = overview.namespaces.filter((n) => n.name === namespace);
    if (overview.namespaces.length === 0)
      throw new MeshwatchError('not_found', `Namespace "${namespace}" not found.`);
  }
  const problems: PodRow[] = [];
  for (const ns of overview.namespaces) {
    if (!failOn.some((status) => ns.statusCounts[status] > 0)) continue;
    const view = namespaceView(source, ns.name);
    problems.push(...view.pods.filter((p) => isCounted(p) && failOn.includes(p.status)));
  }
  return { result: problems.length > 0 ? 'problems' : 'ok', failOn, overview, problems };
}

function heading(title: string, paint: Paint): string[] {
  return ['', paint('bold', title), '-'.repeat(title.length)];
}

export function formatCheck(report: CheckReport, paint: Paint): string {
  const ok = paint('green', '√');
  const bad = paint('red', '×');
  const warn = paint('yellow', '‼');
  const { cluster, context, namespaces } = report.overview;
  const lines = [`meshwatch check · ${context.name}${context.server ? ` (${context.server})` : ''}`];
  if (context.snapshot)
    lines.push(paint('dim', `snapshot taken ${context.snapshot.takenAt || 'at an unknown time'}`));

  lines.push(...heading('linkerd-injector', paint));
  lines.push(
    cluster.webhookPresent
      ? `${ok} proxy-injector webhook is configured (failurePolicy ${cluster.failurePolicy ?? 'Fail'})`
      : `${bad} no proxy-injector webhook: new pods get no proxy`,
  );
  const { ready, total } = cluster.injectorPods;
  if (cluster.controlPlaneNamespace) {
    lines.push(
      `${ready > 0 ? ok : bad} ${ready}/${total} proxy-injector pods ready in ${cluster.controlPlaneNamespace}`,
    );
    lines.push(`${ok} control plane ${cluster.linkerdVersion ?? 'version unknown'}`);
  } else lines.push(`${warn} no linkerd-config found: control-plane version unknown`);

  lines.push(...heading('namespaces', paint));
  const width = Math.max(0, ...namespaces.map((n) => n.name.length));
  for (const ns of namespaces) {
    const failing = report.failOn.filter((s) => ns.statusCounts[s] > 0);
    const counts = failing.map((s) => `${ns.statusCounts[s]} ${s}`).join(', ');
    const summary = `${ns.pods} pod${ns.pods === 1 ? '' : 's'}, ${ns.meshed} meshed${counts ? `; ${counts}` : ''}`;
    lines.push(`${failing.length ? bad : ok} ${ns.name.padEnd(width)}  ${summary}`);
  }

  if (report.problems.length > 0) {
    lines.push(...heading('problems', paint));
    for (const pod of report.problems) {
      const workload = pod.workload ? ` (${pod.workload.kind.toLowerCase()}/${pod.workload.name})` : '';
      lines.push(`${bad} ${pod.namespace}/${pod.name}${workload}  ${paint('bold', pod.status)}`);
      for (const reason of pod.reasons) lines.push(`    why: ${reason.message}`);
      if (pod.fix) lines.push(`    fix: ${pod.fix}`);
    }
  }
  const n = report.problems.length;
  lines.push(
    '',
    n === 0
      ? `Status check results are ${ok}`
      : `Status check results are ${bad}  ${n} pod${n === 1 ? '' : 's'} with ${report.failOn.join(', ')}`,
  );
  return `${lines.join('\n')}\n`;
}
