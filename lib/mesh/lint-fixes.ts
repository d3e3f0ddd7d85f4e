// Which lints have a one-click fix, and the exact metadata change each makes. Computed from the live
// object's record, so a fix that is no longer needed (someone fixed it meanwhile) says so instead of
// patching. Bare pods get none: the injector acts only when a pod is created, so their manifest is what
// must change.
import {
  INJECT_ANNOTATION,
  LEGACY_AUTO_INJECT_LABEL,
  isValidInjectValue,
  type InjectValue,
} from './annotations.ts';
import { isTemplateKind, type ChangeTarget, type MetadataChange, type MetadataEdit } from './changes.ts';
import type { LintCode, NamespaceRecord, StringMap, WorkloadRecord } from './types.ts';

export const FIXABLE_LINTS = [
  'inject_set_as_label',
  'annotation_on_workload_metadata',
  'invalid_inject_value',
  'legacy_auto_inject_label',
] as const satisfies readonly LintCode[];
export type FixableLint = (typeof FIXABLE_LINTS)[number];

export function isFixableLint(code: string): code is FixableLint {
  return (FIXABLE_LINTS as readonly string[]).includes(code);
}

export type LintFixSubject =
  { kind: 'Namespace'; record: NamespaceRecord } | { kind: 'Workload'; record: WorkloadRecord };

export type LintFixPlan =
  | { applicable: true; change: MetadataChange; summary: string }
  | { applicable: false; why: string; needsValue?: boolean };

interface Place {
  on: MetadataEdit['on'];
  labels: StringMap;
  annotations: StringMap;
  where: string;
}

function places(subject: LintFixSubject): { target: ChangeTarget; own: Place; template?: Place } | string {
  if (subject.kind === 'Namespace') {
    const ns = subject.record;
    return {
      target: { kind: 'Namespace', name: ns.name },
      own: { on: 'object', labels: ns.labels, annotations: ns.annotations, where: `Namespace ${ns.name}` },
    };
  }
  const w = subject.record;
  if (!isTemplateKind(w.kind)) {
    return `meshwatch fixes Deployments, StatefulSets, DaemonSets and CronJobs; change this ${w.kind}'s manifest (or its owner's) instead.`;
  }
  return {
    target: { kind: w.kind, namespace: w.namespace, name: w.name },
    own: { on: 'object', labels: w.labels, annotations: w.annotations, where: `${w.kind} ${w.name}` },
    template: {
      on: 'template',
      labels: w.template.labels,
      annotations: w.template.annotations,
      where: `the pod template of ${w.kind} ${w.name}`,
    },
  };
}

function pick(chosen: InjectValue | undefined, found: string | undefined): string | undefined {
  const value = chosen ?? found;
  return value !== undefined && value !== '' && isValidInjectValue(value) ? value : undefined;
}

/**
 * The change that fixes `code` on the subject, or why there is none. `chosen` is the value the user
 * picked: required for an invalid value, optional elsewhere (default: the value found).
 */
export function lintFix(subject: LintFixSubject, code: FixableLint, chosen?: InjectValue): LintFixPlan {
  const found = places(subject);
  if (typeof found === 'string') return { applicable: false, why: found };
  const { target, own, template } = found;
  // The injector reads the namespace's own annotations, and a workload's template's.
  const reads = template ?? own;
  const edits: MetadataEdit[] = [];
  const moveTo = (value: string) => {
    if (reads.annotations[INJECT_ANNOTATION] !== value)
      edits.push({ on: reads.on, field: 'annotations', key: INJECT_ANNOTATION, value });
  };
  const removeLabel = (p: Place, key: string) => {
    if (p.labels[key] !== undefined) edits.push({ on: p.on, field: 'labels', key, value: null });
  };

  switch (code) {
    case 'inject_set_as_label': {
      const holders = [template, own].filter((p): p is Place => p?.labels[INJECT_ANNOTATION] !== undefined);
      const first = holders[0];
      if (!first) return { applicable: false, why: `No ${INJECT_ANNOTATION} label is left to move.` };
      const existing = reads.annotations[INJECT_ANNOTATION];
      // An annotation already there wins (it is what the injector reads); the label only goes.
      if (existing === undefined || chosen !== undefined) {
        const value = pick(chosen, first.labels[INJECT_ANNOTATION]);
        if (!value) {
          return {
            applicable: false,
            needsValue: true,
            why: `The label's value ${JSON.stringify(first.labels[INJECT_ANNOTATION])} is not enabled, disabled or ingress: pick the value to set.`,
          };
        }
        moveTo(value);
      }
      for (const p of holders) removeLabel(p, INJECT_ANNOTATION);
      return done(
        target,
        edits,
        `Set ${INJECT_ANNOTATION} as an annotation on ${reads.where} and remove the label.`,
      );
    }
    case 'annotation_on_workload_metadata': {
      const value = own.annotations[INJECT_ANNOTATION];
      if (!template || value === undefined)
        return { applicable: false, why: `${own.where} has no ${INJECT_ANNOTATION} on its own metadata.` };
      const next = pick(chosen, value);
      if (!next) {
        return {
          applicable: false,
          needsValue: true,
          why: `${JSON.stringify(value)} is not enabled, disabled or ingress: pick the value for the pod template.`,
        };
      }
      moveTo(next);
      edits.push({ on: 'object', field: 'annotations', key: INJECT_ANNOTATION, value: null });
      return done(
        target,
        edits,
        `Move ${INJECT_ANNOTATION}: ${next} from ${own.where}'s own metadata to its pod template.`,
      );
    }
    case 'invalid_inject_value': {
      const current = reads.annotations[INJECT_ANNOTATION] ?? '';
      if (isValidInjectValue(current))
        return { applicable: false, why: `${reads.where} has a valid ${INJECT_ANNOTATION} value now.` };
      if (!chosen)
        return {
          applicable: false,
          needsValue: true,
          why: 'Pick enabled, disabled or ingress to replace the invalid value.',
        };
      moveTo(chosen);
      return done(
        target,
        edits,
        `Set ${INJECT_ANNOTATION} on ${reads.where} to ${chosen} (was ${JSON.stringify(current)}).`,
      );
    }
    case 'legacy_auto_inject_label': {
      const holders = [template, own].filter(
        (p): p is Place => p?.labels[LEGACY_AUTO_INJECT_LABEL] !== undefined,
      );
      if (holders.length === 0)
        return { applicable: false, why: `No ${LEGACY_AUTO_INJECT_LABEL} label is left.` };
      for (const p of holders) removeLabel(p, LEGACY_AUTO_INJECT_LABEL);
      if (chosen) moveTo(chosen);
      const also = chosen ? ` and set ${INJECT_ANNOTATION}: ${chosen} on ${reads.where}` : '';
      return done(target, edits, `Remove the ignored label ${LEGACY_AUTO_INJECT_LABEL}${also}.`);
    }
  }
}

function done(target: ChangeTarget, edits: MetadataEdit[], summary: string): LintFixPlan {
  return { applicable: true, change: { target, edits }, summary };
}
