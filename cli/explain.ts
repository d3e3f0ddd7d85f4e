import 'server-only';
// `meshwatch explain <namespace>/<pod>`: the API's pod response (verdict, reasons, the injector's decision
// trace, and live events when there is a cluster) as JSON or as text.
import type { PodResponse } from '@/lib/api/dto';
import { MeshwatchError } from '@/lib/api/errors';
import type { ClusterSource } from '@/lib/k8s/source';
import { podView } from '@/lib/server/responses';
import type { Paint } from './paint';

export function parsePodRef(ref: string): { namespace: string; pod: string } {
  const [namespace, pod, extra] = ref.split('/');
  if (!namespace || !pod || extra !== undefined)
    throw new MeshwatchError('bad_request', `Expected <namespace>/<pod>, got "${ref}".`);
  return { namespace, pod };
}

export function explain(source: ClusterSource, ref: string): Promise<PodResponse> {
  const { namespace, pod } = parsePodRef(ref);
  return podView(source, namespace, pod);
}

export function formatExplain(response: PodResponse, paint: Paint): string {
  const { pod } = response;
  const mark = { pass: paint('green', '√'), block: paint('red', '×'), info: paint('dim', 'i') };
  const lines = [`${paint('bold', `${pod.namespace}/${pod.name}`)}  ${pod.status}`];
  const workload = pod.workload ? `${pod.workload.kind.toLowerCase()}/${pod.workload.name}` : 'no workload';
  const proxy = pod.meshed ? `proxy ${pod.proxyVersion ?? 'version unknown'}` : 'no proxy';
  lines.push(
    `${workload} · phase ${pod.phase} · ${proxy} · a restart would ${pod.expected ? '' : 'not '}inject it`,
  );
  lines.push('', paint('bold', 'decision trace'));
  const width = Math.max(0, ...pod.trace.map((s) => s.rule.length));
  for (const step of pod.trace)
    lines.push(`  ${mark[step.outcome]} ${step.rule.padEnd(width)}  ${step.detail}`);
  if (pod.reasons.length > 0) {
    lines.push('', paint('bold', 'why'));
    for (const reason of pod.reasons) lines.push(`  - ${reason.message}`, `    fix: ${reason.fix}`);
  }
  if (pod.fix) lines.push('', `fix: ${pod.fix}`);
  if (response.events.length > 0) {
    lines.push('', paint('bold', 'events'));
    for (const e of response.events)
      lines.push(`  ${e.lastSeen} ${e.reason} ${e.object.kind}/${e.object.name}: ${e.message}`);
  }
  return `${lines.join('\n')}\n`;
}
