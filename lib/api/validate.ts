// Request validation with zod: path names, kinds and JSON bodies. Everything a route accepts passes
// through here, so what reaches lib/k8s is already well-formed. Each schema carries the sentence an
// operator reads when it fails; `parsed` turns zod's first issue into a MeshwatchError (400) with it.
// The request types in dto.ts are these schemas' inputs, so the contract and the check cannot drift.
import { z } from 'zod';
import { INJECT_VALUES, INJECT_VALUES_LISTED } from '@/lib/mesh/annotations';
import { TEMPLATE_KINDS } from '@/lib/mesh/changes';
import { FIXABLE_LINTS } from '@/lib/mesh/lint-fixes';
import { RESTARTABLE_KINDS } from '@/lib/mesh/restartability';
import type { ErrorCode } from './dto';
import { MeshwatchError } from './errors';

/** DNS-1123 label (namespaces): lower-case alphanumerics and '-', 63 characters at most. */
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** DNS-1123 subdomain (most object names): labels joined by '.', 253 characters at most. */
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const PLAN_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** Kubernetes resourceVersions are opaque strings; etcd's are decimal, but meshwatch only passes them back. */
const RESOURCE_VERSION = /^[A-Za-z0-9._-]+$/;
const MAX_PLAN_NAMESPACES = 200;

/** What a client sent, quoted and cut short for a message. */
function quoted(value: unknown): string {
  if (typeof value !== 'string') {
    if (value === null || value === undefined) return String(value);
    return Array.isArray(value) ? 'A list' : `A ${typeof value}`;
  }
  return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
}

// --- Path segments ---------------------------------------------------------------------------------

/** The value when it parses, else a MeshwatchError with the sentence (built only on failure). */
function segment<T>(schema: z.ZodType<T>, value: string, code: ErrorCode, sentence: () => string): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new MeshwatchError(code, sentence());
  return result.data;
}

const NAMESPACE_NAME = z.string().max(63).regex(DNS1123_LABEL);
const OBJECT_NAME = z.string().max(253).regex(DNS1123_SUBDOMAIN);
const RESTARTABLE_KIND = z.enum(RESTARTABLE_KINDS);
const TEMPLATE_KIND = z.enum(TEMPLATE_KINDS);

export function namespaceName(value: string): string {
  return segment(
    NAMESPACE_NAME,
    value,
    'invalid_name',
    () =>
      `${quoted(value)} is not a valid namespace name (DNS-1123 label: lower-case letters, digits and '-', at most 63 characters).`,
  );
}

export function objectName(value: string, what = 'name'): string {
  return segment(
    OBJECT_NAME,
    value,
    'invalid_name',
    () =>
      `${quoted(value)} is not a valid ${what} (DNS-1123 subdomain: lower-case letters, digits, '-' and '.', at most 253 characters).`,
  );
}

export function restartableKind(value: string) {
  return segment(
    RESTARTABLE_KIND,
    value,
    'invalid_kind',
    () => `${quoted(value)} is not a restartable kind: use ${RESTARTABLE_KINDS.join(', ')}.`,
  );
}

export function templateKind(value: string) {
  return segment(
    TEMPLATE_KIND,
    value,
    'invalid_kind',
    () => `${quoted(value)} has no pod template meshwatch edits: use ${TEMPLATE_KINDS.join(', ')}.`,
  );
}

// --- Bodies ----------------------------------------------------------------------------------------

const flag = (key: string) => z.boolean({ error: `"${key}" must be true or false.` }).optional();
/** A linkerd.io/inject value; `orNull` is how the sentence offers null (removing the key), if it may. */
const injectValue = (orNull: string) =>
  z.enum(INJECT_VALUES, {
    error: (issue) =>
      issue.input === undefined
        ? `"value" is required: ${INJECT_VALUES_LISTED}${orNull}.`
        : `${quoted(issue.input)} is not a valid linkerd.io/inject value: use ${INJECT_VALUES_LISTED}${orNull}.`,
  });
const REMOVE = ' or null (remove)';
const waveSizeSentence = '"waveSize" must be a whole number from 1 to 20 (workloads restarted at a time).';
const namespacesSentence = `"namespaces" must be a list of 1 to ${MAX_PLAN_NAMESPACES} namespace names, or left out for every namespace.`;
const planIdSentence = '"id" must be the id of a restart plan run (a UUID).';
const changeOptions = {
  dryRun: flag('dryRun'),
  force: flag('force'),
  /** The version the preview was computed from: the change is refused (409) if the object moved on. */
  resourceVersion: z
    .string()
    .min(1)
    .max(64)
    .regex(RESOURCE_VERSION, { error: '"resourceVersion" must be the resourceVersion a preview returned.' })
    .optional(),
};

export const injectionBody = z.strictObject({
  value: injectValue(REMOVE).nullable(),
  dryRun: flag('dryRun'),
  /** Go ahead on a guarded namespace (kube-system & co., the Linkerd control plane). */
  force: flag('force'),
});
export const restartBody = z.strictObject({
  dryRun: flag('dryRun'),
  /** Go ahead despite a guard refusal (guarded namespace, or a restart the engine says cannot work). */
  force: flag('force'),
});
export const restartPlanBody = z.strictObject({
  /** Limit the plan to these namespaces (default: every namespace). */
  namespaces: z
    .array(z.string({ error: '"namespaces" must hold names (strings).' }), { error: namespacesSentence })
    .min(1, { error: namespacesSentence })
    .max(MAX_PLAN_NAMESPACES, { error: namespacesSentence })
    .optional(),
  /** Workloads at a time, 1–20 (default 1). */
  waveSize: z
    .int({ error: waveSizeSentence })
    .min(1, { error: waveSizeSentence })
    .max(20, { error: waveSizeSentence })
    .optional(),
  dryRun: flag('dryRun'),
  force: flag('force'),
});
export const cancelPlanBody = z.strictObject({
  id: z.string({ error: planIdSentence }).regex(PLAN_ID, { error: planIdSentence }),
});
export const workloadInjectionBody = z.strictObject({
  value: injectValue(REMOVE).nullable(),
  ...changeOptions,
});
export const lintFixBody = z.strictObject({
  code: z.enum(FIXABLE_LINTS, { error: `"code" must be one of ${FIXABLE_LINTS.join(', ')}.` }),
  value: injectValue('').optional(),
  ...changeOptions,
});

const tokenSentence =
  '"token" must be a Kubernetes bearer token (a ServiceAccount token or an OIDC ID token).';
export const signInBody = z.strictObject({
  token: z
    .string({ error: tokenSentence })
    .trim()
    .min(1, { error: tokenSentence })
    .max(16_384, { error: tokenSentence })
    .regex(/^[\x21-\x7e]+$/, { error: tokenSentence }),
});

/** Fields whose refusal is about the value sent rather than the request's shape. */
const VALUE_FIELDS: ReadonlySet<PropertyKey> = new Set(['value', 'code']);

/**
 * The body as `schema` reads it, or a MeshwatchError naming the first thing wrong: unknown fields
 * first (with the fields allowed), then the fields in the schema's order.
 */
function parsed<S extends z.ZodObject>(schema: S, body: Record<string, unknown>): z.output<S> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const { issues } = result.error;
  const unknown = issues.find((issue) => issue.code === 'unrecognized_keys');
  if (unknown) {
    const list = unknown.keys.map((key) => quoted(key)).join(', ');
    const allowed = Object.keys(schema.shape).join(', ');
    throw new MeshwatchError('bad_request', `Unknown field ${list}; allowed: ${allowed}.`);
  }
  const first = issues[0]!;
  const code = VALUE_FIELDS.has(first.path[0] ?? '') ? 'invalid_value' : 'bad_request';
  throw new MeshwatchError(code, first.message);
}

export function injectionRequest(body: Record<string, unknown>) {
  const { value, dryRun = false, force = false } = parsed(injectionBody, body);
  return { value, dryRun, force };
}

export function restartRequest(body: Record<string, unknown>) {
  const { dryRun = false, force = false } = parsed(restartBody, body);
  return { dryRun, force };
}

/** POST /api/v1/restart-plan: optional namespaces (names), waveSize 1–20 (default 1), dryRun, force. */
export function restartPlanRequest(body: Record<string, unknown>) {
  const { namespaces = [], waveSize = 1, dryRun = false, force = false } = parsed(restartPlanBody, body);
  namespaces.forEach(namespaceName);
  return { namespaces, waveSize, dryRun, force };
}

/** POST /api/v1/restart-plan/cancel: the id of the run to stop. */
export function cancelPlanRequest(body: Record<string, unknown>) {
  return parsed(cancelPlanBody, body);
}

export function workloadInjectionRequest(body: Record<string, unknown>) {
  return parsed(workloadInjectionBody, body);
}

export function lintFixRequest(body: Record<string, unknown>) {
  return parsed(lintFixBody, body);
}

/** POST /api/v1/session: the token to sign in with (never echoed back, not even in an error). */
export function signInRequest(body: Record<string, unknown>) {
  return parsed(signInBody, body);
}
