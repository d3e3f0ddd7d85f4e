// Common mistakes worth pointing out, each on the namespace, workload or bare pod it concerns.
// The catalogue holds the generic wording; each Lint names the object and the value it found.
import {
  INJECT_ANNOTATION,
  LEGACY_AUTO_INJECT_LABEL,
  injectValueOf,
  isInvalidInjectValue,
} from './annotations.ts';
import { restartAction, type RestartTarget } from './restartability.ts';
import { podsNeedingRestart } from './aggregate.ts';
import { RESTART_FIXES } from './types.ts';
import type {
  Lint,
  LintCode,
  NamespaceRecord,
  PodSpecRecord,
  StatusCounts,
  StringMap,
  WorkloadRecord,
} from './types.ts';

export interface LintEntry {
  severity: Lint['severity'];
  message: string;
  fix: string;
}

export const LINTS: Readonly<Record<LintCode, LintEntry>> = {
  inject_set_as_label: {
    severity: 'warning',
    message: 'linkerd.io/inject is set as a label; the injector reads only the annotation',
    fix: 'Set linkerd.io/inject as an annotation and remove the label',
  },
  annotation_on_workload_metadata: {
    severity: 'warning',
    message: "linkerd.io/inject is on the workload's own metadata, which the injector never sees",
    fix: 'Move the annotation to the pod template (spec.template.metadata.annotations)',
  },
  legacy_auto_inject_label: {
    severity: 'warning',
    message: 'The label linkerd.io/auto-inject was removed in stable-2.2.0 and is ignored',
    fix: 'Remove the label and use the annotation linkerd.io/inject: enabled',
  },
  invalid_inject_value: {
    severity: 'error',
    message: 'linkerd.io/inject has a value other than enabled, disabled or ingress, so nothing is injected',
    fix: 'Set linkerd.io/inject to exactly enabled, disabled or ingress',
  },
  restart_required: {
    severity: 'warning',
    message: "Running pods don't match what a restart would create",
    fix: 'Restart the workload so its pods are recreated from the current template',
  },
};

type Target = Lint['target'];

function lint(
  code: LintCode,
  target: Target,
  message: string,
  fix: string,
  severity?: Lint['severity'],
): Lint {
  return { code, severity: severity ?? LINTS[code].severity, message, fix, target };
}

function describe(target: Target): string {
  return `${target.kind} ${target.name}`;
}

/** Lints on one object's labels and inject annotation; `where` names the metadata, e.g. "its pod template". */
function metadataLints(target: Target, where: string, labels: StringMap, annotations: StringMap): Lint[] {
  const found: Lint[] = [];
  const label = labels[INJECT_ANNOTATION];
  const value = injectValueOf(annotations);
  if (label !== undefined) {
    // Harmless next to the real annotation; a silent no-op without one.
    const alsoAnnotated = annotations[INJECT_ANNOTATION] !== undefined;
    found.push(
      lint(
        'inject_set_as_label',
        target,
        `${where} has the label ${INJECT_ANNOTATION}=${label}, which the injector ignores${alsoAnnotated ? ' (the annotation is set too)' : ''}`,
        `Set ${INJECT_ANNOTATION}: ${label} as an annotation on ${where} and remove the label`,
        alsoAnnotated ? 'info' : 'warning',
      ),
    );
  }
  if (labels[LEGACY_AUTO_INJECT_LABEL] !== undefined) {
    found.push(
      lint(
        'legacy_auto_inject_label',
        target,
        `${where} has the label ${LEGACY_AUTO_INJECT_LABEL}=${labels[LEGACY_AUTO_INJECT_LABEL]}, removed in stable-2.2.0 and ignored`,
        `Remove the label and annotate ${where} with ${INJECT_ANNOTATION}: enabled instead`,
      ),
    );
  }
  if (isInvalidInjectValue(value)) {
    found.push(
      lint(
        'invalid_inject_value',
        target,
        `${where} has ${INJECT_ANNOTATION}=${JSON.stringify(value)}, which is not enabled, disabled or ingress: nothing it covers is injected`,
        `Set ${INJECT_ANNOTATION} on ${where} to exactly enabled, disabled or ingress`,
      ),
    );
  }
  return found;
}

export function namespaceLints(ns: NamespaceRecord): Lint[] {
  return metadataLints(
    { kind: 'Namespace', name: ns.name },
    `Namespace ${ns.name}`,
    ns.labels,
    ns.annotations,
  );
}

function templatePath(w: WorkloadRecord): string {
  return w.kind === 'CronJob'
    ? 'spec.jobTemplate.spec.template.metadata.annotations'
    : 'spec.template.metadata.annotations';
}

export function workloadLints(w: WorkloadRecord): Lint[] {
  const target: Target = { kind: w.kind, namespace: w.namespace, name: w.name };
  const found = metadataLints(
    target,
    `the pod template of ${describe(target)}`,
    w.template.labels,
    w.template.annotations,
  );
  const own = w.annotations[INJECT_ANNOTATION];
  if (own !== undefined && w.template.annotations[INJECT_ANNOTATION] === undefined) {
    found.push(
      lint(
        'annotation_on_workload_metadata',
        target,
        `${describe(target)} has ${INJECT_ANNOTATION}=${own} on its own metadata, which the injector never sees; its pod template has none`,
        `Move the annotation to ${templatePath(w)}`,
      ),
    );
  }
  // The workload's own labels are as invisible to the injector as its annotations; both labels turn up there too.
  for (const l of metadataLints(target, describe(target), w.labels, {})) found.push(l);
  return found;
}

/** A bare pod is its own template. */
export function barePodLints(pod: PodSpecRecord & { namespace: string; name: string }): Lint[] {
  return metadataLints(
    { kind: 'Pod', namespace: pod.namespace, name: pod.name },
    `Pod ${pod.name}`,
    pod.labels,
    pod.annotations,
  );
}

/** restart_required, when any counted pod is missing, unwanted or outdated; undefined otherwise. */
export function restartLint(target: Target, counts: StatusCounts, restart: RestartTarget): Lint | undefined {
  const parts = RESTART_FIXES.filter((s) => counts[s] > 0).map((s) => `${counts[s]} ${s}`);
  if (parts.length === 0) return undefined;
  if (target.kind === 'Pod') {
    const status = RESTART_FIXES.find((s) => counts[s] > 0) ?? 'missing-proxy';
    return lint(
      'restart_required',
      target,
      `Pod ${target.name} doesn't match what recreating it would create (${status})`,
      restartAction(restart, 'bring it up to date'),
    );
  }
  const total = podsNeedingRestart(counts);
  return lint(
    'restart_required',
    target,
    `${describe(target)} has ${total} pod${total === 1 ? '' : 's'} that don't match what a restart would create (${parts.join(', ')})`,
    restartAction(restart, 'bring its pods up to date'),
  );
}
