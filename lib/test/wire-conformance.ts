// Checks a value against a strict wire schema (lib/api/wire.ts) as the wire carries it — JSON leaves
// undefined fields out — failing with zod's path-by-path account of what does not conform.
import { expect } from 'vitest';
import { z } from 'zod';

export function conforms(schema: z.ZodType, value: unknown, what: string): void {
  const result = schema.safeParse(JSON.parse(JSON.stringify(value)));
  expect(result.success, `${what}: ${result.error ? z.prettifyError(result.error) : ''}`).toBe(true);
}
