import next from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

// One import boundary: `files` may not import `patterns` (nor what the `extra` pattern objects name).
// Their tests keep the same boundary and may also read lib/test, the builders; production files may not.
function layer(files, message, patterns, extra = []) {
  const globs = [files].flat();
  // '@/lib/k8s/*' also forbids the relative spellings ('../k8s/x', '../../lib/k8s/x').
  const spelled = (list) =>
    list.flatMap((p) => (p.startsWith('@/lib/') ? [p, `../${p.slice(6)}`, `**/lib/${p.slice(6)}`] : [p]));
  const forbidden = (list) => ({
    'no-restricted-imports': ['error', { patterns: [{ group: spelled(list), message }, ...extra] }],
  });
  const tests = globs.map((g) => g.replace(/\*\.(ts|\{ts,tsx\})$/, '*.test.$1'));
  return [
    {
      files: globs,
      ignores: ['**/*.test.ts', '**/*.test.tsx'],
      rules: forbidden([...patterns, '@/lib/test/*']),
    },
    { files: tests, rules: forbidden(patterns) },
  ];
}

const config = [
  ...next,
  ...nextTs,
  {
    ignores: [
      '.next/**',
      '.next-*/**',
      'node_modules/**',
      '.testbed/**',
      'test-results/**',
      'playwright-report/**',
      'next-env.d.ts',
    ],
  },
  {
    files: ['lib/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'error' },
  },
  // The layers, one direction only (README "Layout"):
  //   lib/mesh (the rules, pure) ← lib/k8s (cluster I/O) ← lib/server (response shaping) ← app/api (routes)
  //   ← app pages, components, lib/ui
  // lib/api (the JSON contract: wire types, zod schemas, errors) is a leaf every layer may read.
  // lib/test (builders for tests and benchmarks) is read by tests and scripts only.
  ...layer('lib/mesh/**/*.ts', 'lib/mesh is the pure engine: no cluster I/O, no Next, no UI, no node:', [
    '@kubernetes/*',
    'next',
    'next/*',
    'react',
    'node:*',
    '@/lib/k8s/*',
    '@/lib/server/*',
    '@/lib/api/*',
    '@/lib/ui/*',
    '@/app/*',
    '@/components/*',
  ]),
  ...layer(
    'lib/api/**/*.ts',
    'lib/api is the contract leaf: it may read the engine, never the cluster layer or the UI',
    [
      '@kubernetes/*',
      'next',
      'next/*',
      'react',
      '@/lib/k8s/*',
      '@/lib/server/*',
      '@/lib/ui/*',
      '@/app/*',
      '@/components/*',
    ],
  ),
  ...layer(
    'lib/k8s/**/*.ts',
    'lib/k8s sits under the response shapers and the routes: it never reads lib/server, the UI or the app',
    ['react', 'next/navigation', '@/lib/server/*', '@/lib/ui/*', '@/app/*', '@/components/*'],
  ),
  ...layer(
    'lib/server/**/*.ts',
    'lib/server shapes engine results into the contract: it reads lib/k8s, never client-node or the UI',
    ['@kubernetes/*', 'react', 'next/navigation', '@/lib/ui/*', '@/app/*', '@/components/*'],
  ),
  ...layer(
    'app/api/**/*.ts',
    'routes are thin: lib/k8s hands them engine records, lib/server the responses, never client-node objects',
    ['@kubernetes/*', '@/components/*', '@/lib/ui/*'],
  ),
  ...layer(
    ['lib/ui/**/*.{ts,tsx}', 'components/**/*.{ts,tsx}', 'app/**/page.tsx', 'app/**/layout.tsx'],
    'the UI talks to the server over HTTP only: no lib/k8s or lib/server, no client-node',
    ['@kubernetes/*', '@/lib/k8s/*', '@/lib/server/*', '@/app/api/*'],
    // The engine's functions and constants are shared rules; its types are not the contract.
    [
      {
        group: ['@/lib/mesh/*', '@/lib/mesh'],
        importNamePattern: '^[A-Z][a-z]',
        message: 'the UI reads API types from lib/api/dto (the wire contract), never the engine types',
      },
    ],
  ),
];

export default config;
