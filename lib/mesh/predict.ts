// Injection predicted for manifests not yet applied (`meshwatch check -f`, #29): will the pods of this
// Deployment be meshed once it is applied to the cluster as it is now? The same rules as for live pods:
// the injector's decision for each workload's pod template (a Pod's own spec), against the live
// namespace — or the Namespace object the input carries, which will be applied with it — the injector
// webhook (selectors, rules, matchConditions) and linkerd-config. Pure: the caller hands over records.
import { analyzeCluster } from './analyze.ts';
import { evaluateInjection, type InjectionEvaluation } from './decision.ts';
import { barePodTemplate, createContext, evaluateTemplate, namespaceFacts } from './pod-verdict.ts';
import type {
  ClusterSnapshot,
  Lint,
  NamespaceRecord,
  PodRecord,
  Reason,
  WorkloadKind,
  WorkloadRecord,
} from './types.ts';

/** What the input would create: records converted exactly as the cluster's are. */
export interface ManifestRecords {
  namespaces: NamespaceRecord[];
  workloads: WorkloadRecord[];
  pods: PodRecord[];
}

export interface Prediction {
  namespace: string;
  kind: WorkloadKind | 'Pod';
  name: string;
  /** null: it cannot be known (`unknown` says why). */
  willBeMeshed: boolean | null;
  /** The proxy the pods would get (the template's own for a manually injected one). */
  proxyVersion?: string;
  /** Why not, in the injector's words (empty when they will be meshed). */
  reasons: Reason[];
  /** Mistakes in how injection is asked for: the annotation as a label, on the wrong metadata… */
  lints: Lint[];
  unknown?: string;
  /** The workload (or namespace) asks for injection: not being meshed is then a problem. */
  optedIn: boolean;
  /** The template says `disabled`: not being meshed is its own choice. */
  optedOut: boolean;
}

function unknownNamespace(namespace: string): string {
  return `Namespace "${namespace}" is not in the cluster and the input does not create it: whether its pods are injected depends on how it will be annotated.`;
}

export function predictInjection(cluster: ClusterSnapshot, input: ManifestRecords): Prediction[] {
  const namespaces = new Map(cluster.namespaces.map((n) => [n.name, n]));
  // The input's Namespace objects are what will be applied: they replace the live ones.
  for (const n of input.namespaces) namespaces.set(n.name, n);
  const snapshot: ClusterSnapshot = {
    ...cluster,
    namespaces: [...namespaces.values()],
    workloads: input.workloads,
    pods: input.pods,
  };
  const analysis = analyzeCluster(snapshot);
  const ctx = createContext(snapshot);
  const injects = cluster.controlPlane?.injectProxyVersion;
  const nsLints = new Map(analysis.namespaces.map((n) => [n.name, n.lints]));
  const inputNamespaces = new Set(input.namespaces.map((n) => n.name));
  const known = (ns: string) => namespaces.has(ns);
  const out: Prediction[] = [];

  for (const w of input.workloads) {
    // A ReplicaSet of a Deployment, a Job of a CronJob: the owner's prediction covers their pods.
    if (w.owner && input.workloads.some((o) => o.uid === w.owner?.uid)) continue;
    const evaluation = evaluateTemplate(ctx, w);
    const summary = analysis.workloads.find(
      (s) => s.kind === w.kind && s.namespace === w.namespace && s.name === w.name,
    );
    const lints = [...(summary?.lints ?? [])];
    if (inputNamespaces.has(w.namespace)) lints.push(...(nsLints.get(w.namespace) ?? []));
    out.push(judged(w.namespace, w.kind, w.name, known(w.namespace), lints, evaluation, injects));
  }
  for (const p of input.pods) {
    // A bare pod is its own template, judged as the injector would judge it at creation.
    const evaluation = evaluateInjection({
      namespace: namespaceFacts(ctx, p.namespace),
      template: barePodTemplate(p),
      webhook: ctx.webhook,
      controlPlane: ctx.controlPlane,
      templateSource: `pod ${p.name}`,
      memo: ctx.memo,
    });
    const lints = inputNamespaces.has(p.namespace) ? [...(nsLints.get(p.namespace) ?? [])] : [];
    out.push(judged(p.namespace, 'Pod', p.name, known(p.namespace), lints, evaluation, injects));
  }
  return out.sort(
    (a, b) =>
      a.namespace.localeCompare(b.namespace) || a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name),
  );
}

function judged(
  namespace: string,
  kind: Prediction['kind'],
  name: string,
  namespaceKnown: boolean,
  lints: Lint[],
  e: InjectionEvaluation,
  injects: string | undefined,
): Prediction {
  const { decision } = e;
  // An explicit `disabled` on the template is a choice, not a problem (it is never "will not be meshed").
  const optedIn = (decision.optedIn || e.templateCarriesProxy) && !e.optedOut;
  const base = { namespace, kind, name, lints, optedIn, optedOut: e.optedOut };
  if (!namespaceKnown)
    return { ...base, willBeMeshed: null, reasons: [], unknown: unknownNamespace(namespace) };
  // A template that carries the proxy itself (`linkerd inject` output) is meshed whatever the injector does.
  if (e.templateCarriesProxy)
    return {
      ...base,
      willBeMeshed: true,
      reasons: [],
      ...(e.templateProxyVersion ? { proxyVersion: e.templateProxyVersion } : {}),
    };
  if (e.webhookCallUnknown)
    return {
      ...base,
      willBeMeshed: null,
      reasons: decision.reasons,
      unknown:
        'The injector webhook has matchConditions meshwatch cannot evaluate: whether it is called is unknown.',
    };
  return {
    ...base,
    willBeMeshed: decision.inject,
    reasons: decision.inject ? [] : decision.reasons,
    ...(decision.inject && injects ? { proxyVersion: injects } : {}),
  };
}
