// The pod half of an explanation: after the injector's decision for the template, what the pod
// actually runs, how its version compares, and when its namespace changed under it.
import { CONTROL_PLANE_NS_LABEL, INJECT_ANNOTATION, injectValueOf, optsIn } from './annotations.ts';
import { capitalise } from './decision-trace.ts';
import { describeOwnerChain, describeTemplateSource } from './owners.ts';
import { injectedByInjector, type EngineContext, type PodJudgement } from './pod-verdict.ts';
import type { NamespaceRecord, TraceStep } from './types.ts';

function ownerStep(j: PodJudgement): TraceStep {
  return {
    rule: 'owner',
    outcome: 'info',
    detail: `Owner: ${describeOwnerChain(j.pod, j.owner)}. A recreated pod comes from ${describeTemplateSource(j.pod, j.owner)}, so that is what the injector is asked about`,
  };
}

function injectorPodsStep(ctx: EngineContext): TraceStep | undefined {
  const pods = ctx.controlPlane?.injectorPods;
  if (!ctx.webhook || !pods || pods.ready > 0) return undefined;
  const consequence =
    ctx.webhook.failurePolicy === 'Ignore'
      ? 'pods created now start without a proxy (failurePolicy Ignore)'
      : `pod creation fails while it is down (failurePolicy ${ctx.webhook.failurePolicy})`;
  return {
    rule: 'injector pods',
    outcome: 'block',
    detail: `No proxy-injector pod is ready (${pods.ready}/${pods.total}): ${consequence}`,
  };
}

function manualStep(j: PodJudgement): TraceStep | undefined {
  if (!j.manual) return undefined;
  return {
    rule: 'manual injection',
    outcome: 'info',
    detail: `${capitalise(describeTemplateSource(j.pod, j.owner))} already contains linkerd-proxy (linkerd inject output): the injector skips it, and recreated pods keep that proxy`,
  };
}

/**
 * The injector copies the namespace's linkerd.io/inject onto pods that lack it. For a bare pod the
 * last-applied manifest, when kubectl left one, tells the author's value apart; otherwise we can't.
 */
function copiedAnnotationStep(j: PodJudgement, ctx: EngineContext): TraceStep | undefined {
  if (j.owner.templateOwner || !injectedByInjector(j.pod)) return undefined;
  const podValue = injectValueOf(j.pod.annotations);
  const manifest = j.pod.manifestInjectValue;
  if (manifest !== undefined && manifest !== podValue) {
    const wrote = manifest === null ? `no ${INJECT_ANNOTATION}` : `${INJECT_ANNOTATION}=${manifest}`;
    return {
      rule: 'copied annotation',
      outcome: 'info',
      detail: `The pod carries ${INJECT_ANNOTATION}=${podValue}, but its last-applied manifest has ${wrote}: the injector copied the namespace's value when it created the pod, so a recreated pod is judged by the manifest`,
    };
  }
  const nsValue = injectValueOf(ctx.index.namespaces.get(j.pod.namespace)?.annotations ?? {});
  if (manifest !== undefined || !optsIn(podValue) || optsIn(nsValue)) return undefined;
  return {
    rule: 'copied annotation',
    outcome: 'info',
    detail: `The injector copies the namespace's ${INJECT_ANNOTATION} onto pods that lack it, so this pod's ${INJECT_ANNOTATION}=${podValue} may have come from namespace ${j.pod.namespace} when it was created. meshwatch treats it as the pod's own; if the pod's manifest lacks it, a recreated pod is not injected`,
  };
}

function proxyStep(j: PodJudgement, cpNamespace: string | undefined): TraceStep {
  const { proxy, verdict } = j;
  const label = j.pod.labels[CONTROL_PLANE_NS_LABEL];
  if (!proxy) {
    const note =
      label !== undefined
        ? ` It is labelled ${CONTROL_PLANE_NS_LABEL}=${label}: linkerd viz would count it as meshed, meshwatch goes by the container`
        : '';
    return {
      rule: 'proxy',
      outcome: verdict.expected ? 'block' : 'info',
      detail: `No linkerd-proxy container in the pod.${note}`,
    };
  }
  const where = proxy.native
    ? 'as a native sidecar (init container with restartPolicy Always)'
    : proxy.inInitContainers
      ? 'as an init container without restartPolicy Always (not a working sidecar)'
      : 'as a classic sidecar container';
  const version = verdict.proxyVersion
    ? `version ${verdict.proxyVersion}`
    : 'version unknown (image pinned by digest, no linkerd.io/proxy-version)';
  const ready =
    verdict.proxyReady === undefined
      ? 'readiness unknown (no status yet)'
      : verdict.proxyReady
        ? 'ready'
        : 'not ready';
  const note =
    label === undefined
      ? ` It lacks the label ${CONTROL_PLANE_NS_LABEL}, so linkerd viz would not count it as meshed`
      : cpNamespace !== undefined && label !== cpNamespace
        ? ` Its label ${CONTROL_PLANE_NS_LABEL}=${label} names another control plane than ${cpNamespace}`
        : '';
  return {
    rule: 'proxy',
    outcome: verdict.expected ? 'pass' : 'block',
    detail: `linkerd-proxy runs ${where}, ${version}, ${ready}.${note}`,
  };
}

function versionStep(j: PodJudgement, ctx: EngineContext): TraceStep | undefined {
  if (!j.proxy || !j.verdict.expected) return undefined;
  const have = j.verdict.proxyVersion;
  const want = j.expectedVersion;
  const source = j.manual ? 'the version in the template' : 'what the injector writes today';
  if (!have || !want) {
    return {
      rule: 'proxy version',
      outcome: 'info',
      detail: `Nothing to compare: the pod's proxy version is ${have ?? 'unknown'}, ${source} is ${want ?? 'unknown'}`,
    };
  }
  const injectorVersion = ctx.controlPlane?.injectProxyVersion;
  const upgradeNote =
    j.manual && injectorVersion && injectorVersion !== want
      ? `; the control plane injects ${injectorVersion}: re-run linkerd inject on the manifest to upgrade`
      : '';
  if (have === want)
    return { rule: 'proxy version', outcome: 'pass', detail: `Proxy ${have} is ${source}${upgradeNote}` };
  return {
    rule: 'proxy version',
    outcome: 'block',
    detail: `Proxy ${have} differs from ${want}, ${source}${upgradeNote}`,
  };
}

/** The webhook only runs on CREATE: a namespace annotated after the pod was created never reached it. */
function timingStep(j: PodJudgement, ns: NamespaceRecord | undefined): TraceStep | undefined {
  const setAt = ns?.injectAnnotationSetAt;
  if (!setAt) return undefined;
  const changed = Date.parse(setAt);
  const created = Date.parse(j.pod.createdAt);
  if (Number.isNaN(changed) || Number.isNaN(created) || changed <= created) return undefined;
  return {
    rule: 'namespace annotation changed',
    outcome: 'info',
    detail: `Namespace ${j.pod.namespace}'s ${INJECT_ANNOTATION} annotation changed at ${setAt}, after pod ${j.pod.name} was created at ${j.pod.createdAt}: the webhook only sees pods when they are created, so the change applies to pods created from now on`,
  };
}

function statusStep(j: PodJudgement): TraceStep {
  const { status, fix } = j.verdict;
  const outcome = status === 'meshed' ? 'pass' : status === 'unmeshed' ? 'info' : 'block';
  return { rule: 'status', outcome, detail: fix ? `${status}: ${fix}` : status };
}

/** The full, ordered trace for one pod. */
export function explainTrace(j: PodJudgement, ctx: EngineContext): TraceStep[] {
  const steps: (TraceStep | undefined)[] = [
    ownerStep(j),
    ...j.evaluation.decision.trace,
    injectorPodsStep(ctx),
    manualStep(j),
    copiedAnnotationStep(j, ctx),
    proxyStep(j, ctx.controlPlane?.namespace),
    versionStep(j, ctx),
    timingStep(j, ctx.index.namespaces.get(j.pod.namespace)),
    statusStep(j),
  ];
  return steps.filter((s): s is TraceStep => s !== undefined);
}
