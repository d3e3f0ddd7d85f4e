import next from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

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
  {
    // lib/mesh is the pure model: no cluster I/O, no Next, no UI.
    files: ['lib/mesh/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            '@kubernetes/*',
            'next',
            'next/*',
            'react',
            '@/lib/k8s/*',
            '@/app/*',
            '@/components/*',
            'node:*',
          ],
        },
      ],
    },
  },
];

export default config;
