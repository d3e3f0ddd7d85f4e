// Request validation: names, kinds and JSON bodies. Everything a route accepts passes through here, so
// what reaches lib/k8s is already well-formed. Failures are MeshwatchErrors with status 400.
import { INJECT_VALUES, INJECT_VALUES_LISTED } from '@/lib/mesh/annotations';
import type { InjectionRequest, InjectValue, RestartPlanRequest, RestartRequest } from './dto';
import { MeshwatchError } from './errors';

/** DNS-1123 label (namespaces): lower-case alphanumerics and '-', 63 characters at most. */
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** DNS-1123 subdomain (most object names): labels joined by '.', 253 characters at most. */
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export const MAX_BODY_BYTES = 4096;

import { RESTARTABLE_KINDS, type RestartableKind } from '@/lib/mesh/restartability';

// The wire type names the engine's values: a value added there that the API does not carry fails here.
const WIRE_VALUES: readonly InjectValue[] = INJECT_VALUES;

function shown(value: string): string {
  return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
}

export function namespaceName(value: string): string {
  if (value.length > 63 || !DNS1123_LABEL.test(value)) {
    throw new MeshwatchError(
      'invalid_name',
      `${shown(value)} is not a valid namespace name (DNS-1123 label: lower-case letters, digits and '-', at most 63 characters).`,
    );
  }
  return value;
}

export function objectName(value: string, what = 'name'): string {
  if (value.length > 253 || !DNS1123_SUBDOMAIN.test(value)) {
    throw new MeshwatchError(
      'invalid_name',
      `${shown(value)} is not a valid ${what} (DNS-1123 subdomain: lower-case letters, digits, '-' and '.', at most 253 characters).`,
    );
  }
  return value;
}

export function restartableKind(value: string): RestartableKind {
  const kind = RESTARTABLE_KINDS.find((k) => k === value);
  if (!kind) {
    throw new MeshwatchError(
      'invalid_kind',
      `${shown(value)} is not a restartable kind: use ${RESTARTABLE_KINDS.join(', ')}.`,
    );
  }
  return kind;
}

/**
 * Reads a JSON object body of at most `MAX_BODY_BYTES`, counting bytes as they arrive (a missing or lying
 * Content-Length changes nothing). An empty body reads as `{}`.
 */
export async function readJsonObject(
  request: Request,
  maxBytes = MAX_BODY_BYTES,
): Promise<Record<string, unknown>> {
  const tooLarge = () =>
    new MeshwatchError('payload_too_large', `The request body is larger than ${maxBytes} bytes.`);
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > maxBytes) throw tooLarge();

  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel().catch(() => undefined);
        throw tooLarge();
      }
      chunks.push(value);
    }
  }
  const text = new TextDecoder().decode(Buffer.concat(chunks)).trim();
  if (text === '') return {};

  const contentType = (request.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
  if (contentType !== 'application/json') {
    throw new MeshwatchError('bad_request', 'Send the body as JSON with "Content-Type: application/json".');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new MeshwatchError('bad_request', 'The request body is not valid JSON.');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new MeshwatchError('bad_request', 'The request body must be a JSON object.');
  }
  return parsed as Record<string, unknown>;
}

function rejectUnknownFields(body: Record<string, unknown>, allowed: readonly string[]): void {
  const unknown = Object.keys(body).filter((key) => !allowed.includes(key));
  if (unknown.length > 0) {
    const list = unknown.map((key) => shown(key)).join(', ');
    throw new MeshwatchError('bad_request', `Unknown field ${list}; allowed: ${allowed.join(', ')}.`);
  }
}

function flagOf(body: Record<string, unknown>, key: 'dryRun' | 'force'): boolean {
  const value = body[key];
  if (value === undefined) return false;
  if (typeof value !== 'boolean') throw new MeshwatchError('bad_request', `"${key}" must be true or false.`);
  return value;
}

function dryRunOf(body: Record<string, unknown>): boolean {
  return flagOf(body, 'dryRun');
}

export function injectionRequest(body: Record<string, unknown>): Required<InjectionRequest> {
  rejectUnknownFields(body, ['value', 'dryRun', 'force']);
  if (!('value' in body)) {
    throw new MeshwatchError(
      'invalid_value',
      `"value" is required: ${INJECT_VALUES_LISTED} or null (remove).`,
    );
  }
  const { value } = body;
  const valid = value === null || WIRE_VALUES.some((v) => v === value);
  if (!valid) {
    const got =
      typeof value === 'string' ? shown(value) : `A ${Array.isArray(value) ? 'list' : typeof value}`;
    throw new MeshwatchError(
      'invalid_value',
      `${got} is not a valid linkerd.io/inject value: use ${INJECT_VALUES_LISTED} or null (remove).`,
    );
  }
  return { value: value as InjectValue | null, dryRun: dryRunOf(body), force: flagOf(body, 'force') };
}

export function restartRequest(body: Record<string, unknown>): Required<RestartRequest> {
  rejectUnknownFields(body, ['dryRun', 'force']);
  return { dryRun: dryRunOf(body), force: flagOf(body, 'force') };
}

const MAX_PLAN_NAMESPACES = 200;

/** POST /api/v1/restart-plan: optional namespaces (names), waveSize 1–20 (default 1), dryRun, force. */
export function restartPlanRequest(body: Record<string, unknown>): Required<RestartPlanRequest> {
  rejectUnknownFields(body, ['namespaces', 'waveSize', 'dryRun', 'force']);
  const { namespaces, waveSize } = body;
  if (namespaces !== undefined) {
    if (!Array.isArray(namespaces) || namespaces.length === 0 || namespaces.length > MAX_PLAN_NAMESPACES) {
      throw new MeshwatchError(
        'bad_request',
        `"namespaces" must be a list of 1 to ${MAX_PLAN_NAMESPACES} namespace names, or left out for every namespace.`,
      );
    }
    for (const name of namespaces) {
      if (typeof name !== 'string')
        throw new MeshwatchError('bad_request', '"namespaces" must hold names (strings).');
      namespaceName(name);
    }
  }
  if (
    waveSize !== undefined &&
    (!Number.isInteger(waveSize) || (waveSize as number) < 1 || (waveSize as number) > 20)
  ) {
    throw new MeshwatchError(
      'bad_request',
      '"waveSize" must be a whole number from 1 to 20 (workloads restarted at a time).',
    );
  }
  return {
    namespaces: (namespaces as string[] | undefined) ?? [],
    waveSize: (waveSize as number | undefined) ?? 1,
    dryRun: dryRunOf(body),
    force: flagOf(body, 'force'),
  };
}

const PLAN_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** POST /api/v1/restart-plan/cancel: the id of the run to stop. */
export function cancelPlanRequest(body: Record<string, unknown>): { id: string } {
  rejectUnknownFields(body, ['id']);
  const { id } = body;
  if (typeof id !== 'string' || !PLAN_ID.test(id)) {
    throw new MeshwatchError('bad_request', '"id" must be the id of a restart plan run (a UUID).');
  }
  return { id };
}
