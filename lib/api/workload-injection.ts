// Request validation for the metadata-change actions (workload opt-in/out, lint fixes), with zod.
// Same rules as validate.ts: unknown fields refused, a clear 400 naming the field, nothing reaches the
// API server unless it parsed.
import { z } from 'zod';
import { TEMPLATE_KINDS, type TemplateKind } from '@/lib/mesh/changes';
import { FIXABLE_LINTS } from '@/lib/mesh/lint-fixes';
import { INJECT_VALUES, INJECT_VALUES_LISTED } from '@/lib/mesh/annotations';
import { MeshwatchError } from './errors';

// The kinds and lint codes come from the engine: which templates and lints have a fix is its rule.
export { FIXABLE_LINTS as LINT_FIX_CODES, TEMPLATE_KINDS };
export type TemplateKindParam = TemplateKind;

const injectValue = z.enum(INJECT_VALUES);
/** Kubernetes resourceVersions are opaque strings; etcd's are decimal, but we only pass them back. */
const resourceVersion = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9._-]+$/);

const common = {
  dryRun: z.boolean().optional(),
  force: z.boolean().optional(),
  /** The version the preview was computed from: the change is refused (409) if the object moved on. */
  resourceVersion: resourceVersion.optional(),
};

const workloadInjectionSchema = z.strictObject({
  value: injectValue.nullable(),
  ...common,
});

const lintFixSchema = z.strictObject({
  code: z.enum(FIXABLE_LINTS),
  value: injectValue.optional(),
  ...common,
});

export type WorkloadInjectionRequest = z.infer<typeof workloadInjectionSchema>;
export type LintFixRequest = z.infer<typeof lintFixSchema>;

/** zod's first issue → one sentence naming the field; value issues are `invalid_value`. */
function refusal(error: z.ZodError): MeshwatchError {
  const issue = error.issues[0];
  const field = issue?.path.join('.') ?? '';
  if (issue?.code === 'unrecognized_keys') {
    return new MeshwatchError(
      'bad_request',
      `Unknown field ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}.`,
    );
  }
  if (field === 'value' && issue?.code !== 'invalid_type') {
    return new MeshwatchError(
      'invalid_value',
      `Not a valid linkerd.io/inject value: use ${INJECT_VALUES_LISTED} (or null to remove).`,
    );
  }
  if (field === 'value') {
    return new MeshwatchError('invalid_value', `"value" must be ${INJECT_VALUES_LISTED} or null (remove).`);
  }
  if (field === 'code') {
    return new MeshwatchError('invalid_value', `"code" must be one of ${FIXABLE_LINTS.join(', ')}.`);
  }
  return new MeshwatchError('bad_request', `"${field}" is invalid: ${issue?.message ?? 'wrong type'}.`);
}

export function workloadInjectionRequest(body: Record<string, unknown>): WorkloadInjectionRequest {
  if (!('value' in body)) {
    throw new MeshwatchError(
      'invalid_value',
      `"value" is required: ${INJECT_VALUES_LISTED} or null (remove).`,
    );
  }
  const parsed = workloadInjectionSchema.safeParse(body);
  if (!parsed.success) throw refusal(parsed.error);
  return parsed.data;
}

export function lintFixRequest(body: Record<string, unknown>): LintFixRequest {
  const parsed = lintFixSchema.safeParse(body);
  if (!parsed.success) throw refusal(parsed.error);
  return parsed.data;
}

export function templateKind(value: string): TemplateKindParam {
  const kind = TEMPLATE_KINDS.find((k) => k === value);
  if (!kind) {
    throw new MeshwatchError(
      'invalid_kind',
      `${JSON.stringify(value.slice(0, 80))} has no pod template meshwatch edits: use ${TEMPLATE_KINDS.join(', ')}.`,
    );
  }
  return kind;
}

/** The answer of every metadata-change action (workload injection, lint fixes). Type-only for clients. */
export interface MetadataChangeResponse {
  dryRun: boolean;
  target: { kind: string; namespace?: string; name: string };
  summary: string;
  /** After the change (dry run: the version read); send it back as the precondition of the real change. */
  resourceVersion: string;
  edits: { path: string; key: string; from: string | null; to: string | null }[];
  changed: boolean;
  /** The JSON merge patch sent (without its resourceVersion). */
  patch: unknown;
  commands: string[];
  manifest: string;
  gitOps?: { tool: string; what: string; name: string; evidence: string; sentence: string };
  consequence?: { effect: string; sentence: string };
}
