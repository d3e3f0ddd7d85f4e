import 'server-only';
// `meshwatch check -f`: will the pods of these manifests be meshed once applied to this cluster? The
// engine's prediction (lib/mesh/predict.ts) per workload, as JSON or as a `linkerd check`-style list:
// the injector first, then each workload with its verdict, the reasons and fixes, and the lints.
import type { ClusterSource } from '@/lib/k8s/source';
import { predictInjection, type ManifestRecords, type Prediction } from '@/lib/mesh/predict';
import type { Paint } from './paint';

/** What can fail a prediction (--fail-on); `meshed` never does. */
export const PREDICTION_CLASSES = ['will-not-be-meshed', 'unmeshed', 'unknown'] as const;
export type PredictionClass = (typeof PREDICTION_CLASSES)[number];

/**
 * - `will-not-be-meshed`: it asks for the proxy (namespace or template opted in) and will not get it.
 * - `unmeshed`: nobody asks for the proxy, or the template opts out.
 * - `unknown`: it cannot be known (a namespace neither in the cluster nor in the input…).
 */
export function classOf(p: Prediction): PredictionClass | 'meshed' {
  if (p.willBeMeshed === null) return 'unknown';
  if (p.willBeMeshed) return 'meshed';
  return p.optedIn ? 'will-not-be-meshed' : 'unmeshed';
}

export interface PredictedWorkload {
  namespace: string;
  kind: Prediction['kind'];
  name: string;
  willBeMeshed: boolean | null;
  proxyVersion?: string;
  class: PredictionClass | 'meshed';
  reasons: Prediction['reasons'];
  lints: Prediction['lints'];
  unknown?: string;
  /** The template opts out (`linkerd.io/inject: disabled`). */
  optedOut?: true;
}

export interface PredictReport {
  result: 'ok' | 'problems';
  failOn: PredictionClass[];
  context: ClusterSource['context'];
  injector: {
    webhookPresent: boolean;
    failurePolicy?: string;
    linkerdVersion?: string;
    injectProxyVersion?: string;
  };
  workloads: PredictedWorkload[];
}

export function predictReport(
  source: ClusterSource,
  input: ManifestRecords,
  failOn: PredictionClass[],
): PredictReport {
  source.requireSynced();
  const snapshot = source.snapshot();
  const workloads = predictInjection(snapshot, input).map((p): PredictedWorkload => ({
    namespace: p.namespace,
    kind: p.kind,
    name: p.name,
    willBeMeshed: p.willBeMeshed,
    ...(p.proxyVersion ? { proxyVersion: p.proxyVersion } : {}),
    class: classOf(p),
    reasons: p.reasons,
    lints: p.lints,
    ...(p.unknown ? { unknown: p.unknown } : {}),
    ...(p.optedOut ? { optedOut: true as const } : {}),
  }));
  const failing = workloads.some((w) => (failOn as string[]).includes(w.class));
  const cp = snapshot.controlPlane;
  return {
    result: failing ? 'problems' : 'ok',
    failOn,
    context: source.context,
    injector: {
      webhookPresent: snapshot.webhook !== null,
      ...(snapshot.webhook?.failurePolicy ? { failurePolicy: snapshot.webhook.failurePolicy } : {}),
      ...(cp?.linkerdVersion ? { linkerdVersion: cp.linkerdVersion } : {}),
      ...(cp?.injectProxyVersion ? { injectProxyVersion: cp.injectProxyVersion } : {}),
    },
    workloads,
  };
}

const VERDICT: Record<PredictedWorkload['class'], string> = {
  meshed: 'will be meshed',
  'will-not-be-meshed': 'will NOT be meshed',
  unmeshed: 'will not be meshed (not opted in)',
  unknown: 'cannot be known',
};

export function formatPredict(report: PredictReport, paint: Paint): string {
  const mark: Record<PredictedWorkload['class'], string> = {
    meshed: paint('green', '√'),
    'will-not-be-meshed': paint('red', '×'),
    unmeshed: paint('dim', '-'),
    unknown: paint('yellow', '‼'),
  };
  const { context, injector } = report;
  const lines = [`meshwatch check -f · ${context.name}${context.server ? ` (${context.server})` : ''}`];
  if (context.snapshot)
    lines.push(paint('dim', `snapshot taken ${context.snapshot.takenAt || 'at an unknown time'}`));
  lines.push('', paint('bold', 'linkerd-injector'), '----------------');
  lines.push(
    injector.webhookPresent
      ? `${mark.meshed} proxy-injector webhook is configured (failurePolicy ${injector.failurePolicy ?? 'Fail'}), injects ${injector.injectProxyVersion ?? 'an unknown proxy version'}`
      : `${mark['will-not-be-meshed']} no proxy-injector webhook: no new pod gets a proxy`,
  );
  lines.push('', paint('bold', 'workloads'), '---------');
  if (report.workloads.length === 0)
    lines.push('(the input holds no Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job or CronJob)');
  for (const w of report.workloads) {
    const version = w.proxyVersion ? ` (proxy ${w.proxyVersion})` : '';
    const verdict =
      w.optedOut && w.class === 'unmeshed' ? 'will not be meshed (opted out)' : VERDICT[w.class];
    lines.push(
      `${mark[w.class]} ${w.namespace}/${w.kind.toLowerCase()}/${w.name}  ${paint('bold', verdict)}${version}`,
    );
    if (w.unknown) lines.push(`    why: ${w.unknown}`);
    for (const reason of w.reasons) {
      lines.push(`    why: ${reason.message}`);
      lines.push(`    fix: ${reason.fix}`);
    }
    for (const lint of w.lints) lines.push(`    lint: ${lint.message} — ${lint.fix}`);
  }
  const failing = report.workloads.filter((w) => (report.failOn as string[]).includes(w.class));
  const n = failing.length;
  lines.push(
    '',
    n === 0
      ? `Prediction results are ${mark.meshed}`
      : `Prediction results are ${mark['will-not-be-meshed']}  ${n} workload${n === 1 ? '' : 's'} ${report.failOn.join(', ')}`,
  );
  return `${lines.join('\n')}\n`;
}
