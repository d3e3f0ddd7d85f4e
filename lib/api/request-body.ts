// Reading a request's JSON body, bounded. Hand-written on purpose: zod checks values, not streams; this
// counts bytes as they arrive so a missing or lying Content-Length changes nothing, and refuses a body
// over the limit before it is buffered. What it returns goes to a schema in validate.ts.
import { MeshwatchError } from './errors';

export const MAX_BODY_BYTES = 4096;

/** A JSON object body of at most `maxBytes`. An empty body reads as `{}`. */
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
