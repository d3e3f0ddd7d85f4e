// proxy.ts lets /api/v1/ requests skip it (its pass cost a third of a cached response's CPU), because
// every handler that can answer them runs the method and Host checks itself. This pins that: each HTTP
// method a route under app/api exports (the unknown-path catch-all included; the health probes, exempt
// from the Host check by design, excepted) is an apiRoute or a mutationRoute, or one of their person
// wrappers (lib/server/person-route.ts), and nothing else is. And (#25) every route that answers about
// the cluster or changes it acts as the person: only the catch-all and sign-in/out are bare apiRoutes.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const API = path.resolve(import.meta.dirname, '../../app/api');
const PROBES = ['healthz/route.ts', 'readyz/route.ts'];
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];
/**
 * Routes that answer without acting as anyone: the unknown-path catch-all (no cluster data), and sign-in
 * and sign-out (same-origin checked in lib/server/session.ts; there is no person before sign-in).
 */
const BARE = [
  { file: '[...path]/route.ts', methods: METHODS },
  { file: 'v1/session/route.ts', methods: ['POST', 'DELETE'] },
];

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return entry.name === 'route.ts' ? [full] : [];
  });
}

const WRAPPED = /^const\s+(\w+)\s*=\s*(apiRoute|mutationRoute|personRoute|personMutation)\s*[(<]/;

/**
 * A route file's exports, as "NAME = wrapper" (`export const GET = apiRoute(…)`, or `export { h as GET }`
 * of a `const h = apiRoute(…)`), or the raw statement when of neither shape.
 */
function exportsOf(source: string): string[] {
  const local = new Map<string, string>();
  for (const [, name, wrapper] of source.matchAll(new RegExp(WRAPPED.source, 'gm')))
    local.set(name!, wrapper!);
  const out: string[] = [];
  for (const [, rest] of source.matchAll(/^export\s+(\{[^}]*\}|.*)/gm)) {
    if (rest!.startsWith('{')) {
      for (const item of rest!
        .slice(1, -1)
        .split(',')
        .map((i) => i.trim())
        .filter(Boolean)) {
        const [name, alias = name] = item.split(/\s+as\s+/);
        out.push(local.has(name!) ? `${alias} = ${local.get(name!)}` : item);
      }
      continue;
    }
    const wrapped = WRAPPED.exec(rest!);
    out.push(wrapped ? `${wrapped[1]} = ${wrapped[2]}` : rest!.trim());
  }
  return out;
}

describe('API routes check method and Host themselves (proxy.ts skips /api/v1/)', () => {
  const files = routeFiles(API).filter((f) => !PROBES.includes(path.relative(API, f)));

  it('finds the routes', () => {
    expect(files.length).toBeGreaterThanOrEqual(15);
  });

  for (const file of files) {
    const name = path.relative(API, file);
    it(`${name}: every export is a wrapped HTTP handler`, () => {
      const exported = exportsOf(readFileSync(file, 'utf8'));
      expect(exported.length).toBeGreaterThan(0);
      for (const entry of exported) {
        expect(entry, `${name} exports "${entry}"`).toMatch(
          /^[A-Z]+ = (apiRoute|mutationRoute|personRoute|personMutation)$/,
        );
        const method = entry.split(' ')[0]!;
        expect(METHODS).toContain(method);
        const bare = BARE.some((b) => b.file === name && b.methods.includes(method));
        if (bare) {
          expect(entry).toBe(`${method} = apiRoute`);
        } else if (method !== 'GET' && method !== 'HEAD') {
          expect(entry).toBe(`${method} = personMutation`);
        } else {
          expect(entry).toBe(`${method} = personRoute`);
        }
      }
    });
  }

  it('refuses a handler exported without its wrapper', () => {
    expect(exportsOf('export async function GET() {}')).toEqual(['async function GET() {}']);
    expect(exportsOf('const h = () => x;\nexport { h as GET };')).toEqual(['h as GET']);
    expect(exportsOf('const h = apiRoute(() => x);\nexport { h as GET };')).toEqual(['GET = apiRoute']);
    expect(exportsOf('export const GET = apiRoute(() => x);')).toEqual(['GET = apiRoute']);
  });
});
