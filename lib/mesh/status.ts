// One status per pod, from two facts: does it have a proxy, and would the pod a restart creates
// have one. Everything else (why, what to do) follows from those and the decision's reasons.
import { INJECT_ANNOTATION } from './annotations.ts';
import { restartAction, type RestartTarget } from './restartability.ts';
import type { PodStatus, Reason } from './types.ts';

export interface StatusFacts {
  /** The pod has a `linkerd-proxy` container (classic or native). */
  meshed: boolean;
  /** The pod a restart creates would have a proxy (injected, or carried by the template itself). */
  expected: boolean;
  /** The namespace or template opted in, or carries an invalid value. */
  optedIn: boolean;
  /** The template says `disabled`. */
  optedOut: boolean;
  proxyVersion?: string;
  /** The version a restart would bring; undefined when unknown (no comparison then). */
  expectedVersion?: string;
}

export function classifyPod(facts: StatusFacts): PodStatus {
  if (facts.meshed) {
    if (!facts.expected) return 'unwanted-proxy';
    const { proxyVersion, expectedVersion } = facts;
    // Unknown on either side (digest-pinned image, no linkerd-config): nothing to compare, call it meshed.
    if (proxyVersion && expectedVersion && proxyVersion !== expectedVersion) return 'outdated-proxy';
    return 'meshed';
  }
  if (facts.expected) return 'missing-proxy';
  // An explicit `disabled` on the template is a choice, not something blocking an opt-in.
  if (facts.optedIn && !facts.optedOut) return 'not-injectable';
  return 'unmeshed';
}

export interface FixContext extends StatusFacts {
  target: RestartTarget;
  /** The decision's reasons (why the pod would not be injected). */
  reasons: Reason[];
}

/** The one-sentence fix for a status; undefined for `meshed`, which needs none. */
export function statusFix(status: PodStatus, ctx: FixContext): string | undefined {
  switch (status) {
    case 'meshed':
      return undefined;
    case 'missing-proxy':
      return restartAction(ctx.target, 'inject the proxy');
    case 'unwanted-proxy':
      return restartAction(ctx.target, 'remove the proxy');
    case 'outdated-proxy':
      return restartAction(
        ctx.target,
        `replace proxy ${ctx.proxyVersion ?? '?'} with ${ctx.expectedVersion ?? '?'}`,
      );
    case 'not-injectable':
      // The first reason is the one to fix first: Linkerd's order puts the webhook gates and the hard blockers first.
      return ctx.reasons[0]?.fix;
    case 'unmeshed':
      if (ctx.optedOut) {
        return `The template opts out with ${INJECT_ANNOTATION}: disabled; remove it and restart to mesh the pod`;
      }
      return ctx.reasons[0]?.fix;
  }
}
