// Shared pieces of decision traces: the per-analysis memo and the constant steps. Checks the
// injector never reaches (webhook not called) are shown as `info`, with a note saying so.
import { describeSelector } from './selector.ts';
import type { InjectorWebhookRecord, LabelSelector, TraceStep } from './types.ts';

export const NOT_CALLED = ' (for reference only: the webhook does not call the injector)';

/**
 * Steps shared within one analysis: the templates of one namespace all get the same words for its
 * webhook selector and its annotation, so 2,000 decisions across 500 namespaces build those once per
 * namespace. Scoped to one analysis (not module-wide) so a record changed in place never shows stale words.
 */
export interface TraceMemo {
  webhook: Map<InjectorWebhookRecord, TraceStep>;
  /** By namespace record: one webhook per analysis, so its namespaceSelector verdict follows from the namespace. */
  namespaceSelector: Map<object, TraceStep>;
  namespaceAnnotation: Map<object, TraceStep>;
  namespaceAnnotationNotCalled: Map<object, TraceStep>;
  selectorText: Map<LabelSelector, string>;
}

export function createTraceMemo(): TraceMemo {
  return {
    webhook: new Map(),
    namespaceSelector: new Map(),
    namespaceAnnotation: new Map(),
    namespaceAnnotationNotCalled: new Map(),
    selectorText: new Map(),
  };
}

export function remember<K>(cache: Map<K, TraceStep> | undefined, key: K, make: () => TraceStep): TraceStep {
  if (!cache) return make();
  let step = cache.get(key);
  if (!step) cache.set(key, (step = Object.freeze(make())));
  return step;
}

export function selectorText(memo: TraceMemo | undefined, selector: LabelSelector | undefined): string {
  if (!memo || !selector) return describeSelector(selector);
  let t = memo.selectorText.get(selector);
  if (t === undefined) memo.selectorText.set(selector, (t = describeSelector(selector)));
  return t;
}

export function injectorStep(
  rule: string,
  outcome: 'pass' | 'block' | 'info',
  detail: string,
  called: boolean,
): TraceStep {
  if (!called) return { rule, outcome: 'info', detail: detail + NOT_CALLED };
  return { rule, outcome, detail };
}

export function passOrBlock(blocks: boolean): 'pass' | 'block' {
  return blocks ? 'block' : 'pass';
}

/** A frozen step for each (called, not called) pair: constant words need no building per template. */
export function constantSteps(
  rule: string,
  outcome: 'pass' | 'block',
  detail: string,
): readonly [TraceStep, TraceStep] {
  return [
    Object.freeze(injectorStep(rule, outcome, detail, false)),
    Object.freeze(injectorStep(rule, outcome, detail, true)),
  ];
}
