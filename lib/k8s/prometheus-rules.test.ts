import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { MeshwatchMetrics } from './metrics';

const FILE = fileURLToPath(
  new URL('../../deploy/helm/meshwatch/files/prometheus-rules.yaml', import.meta.url),
);
const PROMQL_WORDS = new Set([
  'and',
  'or',
  'unless',
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'bool',
  'offset',
]);

interface Rule {
  alert?: string;
  expr?: unknown;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

/** Metric names in an expression: identifiers that are not functions, keywords, labels or strings. */
function metricNames(expr: string): string[] {
  const bare = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\{[^}]*\}/g, '')
    .replace(/\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, '')
    .replace(/\[[^\]]*\]/g, '');
  return [...bare.matchAll(/\b([a-zA-Z_:][a-zA-Z0-9_:]*)\b(?!\s*\()/g)]
    .map((m) => m[1] ?? '')
    .filter((word) => !PROMQL_WORDS.has(word) && !/^\d/.test(word));
}

describe('deploy/helm/meshwatch/files/prometheus-rules.yaml', () => {
  const groups = parse(readFileSync(FILE, 'utf8')) as { name?: string; rules?: Rule[] }[];

  it('is a list of named groups of rules (a PrometheusRule spec.groups)', () => {
    expect(Array.isArray(groups)).toBe(true);
    for (const group of groups) {
      expect(typeof group.name).toBe('string');
      expect(group.rules?.length).toBeGreaterThan(0);
    }
  });

  it('has the alerts the issue asks for', () => {
    const alerts = groups.flatMap((g) => g.rules ?? []);
    const byName = Object.fromEntries(alerts.map((r) => [r.alert, r]));
    expect(byName.MeshwatchPodsMissingProxy?.for).toBe('15m');
    expect(byName.MeshwatchProxiesOlderThanControlPlane?.for).toBe('1d');
    expect(byName.MeshwatchInjectorWebhookAbsent).toBeDefined();
    expect(byName.MeshwatchInjectorDownWithFailurePolicyIgnore).toBeDefined();
    for (const rule of alerts) {
      expect(rule.labels?.severity, rule.alert).toMatch(/^(critical|warning|info)$/);
      expect(rule.annotations?.summary, rule.alert).toBeTruthy();
    }
  });

  it('uses only metric names meshwatch exports', async () => {
    const exported = new Set((await new MeshwatchMetrics().json()).map((m) => m.name));
    for (const rule of groups.flatMap((g) => g.rules ?? [])) {
      expect(typeof rule.expr, rule.alert).toBe('string');
      const names = metricNames(String(rule.expr));
      expect(names.length, rule.alert).toBeGreaterThan(0);
      for (const name of names) expect(exported, `${rule.alert}: ${name}`).toContain(name);
    }
  });
});
