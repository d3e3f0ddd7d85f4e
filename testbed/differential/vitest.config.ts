// Vitest config for the differential check only (not part of `npm test`): it needs a live Linkerd
// control plane whose proxy-injector the testbed's API server really calls. See README.md.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('../..', import.meta.url));
const alias = {
  '@': root,
  'server-only': fileURLToPath(new URL('../../lib/test/server-only-stub.ts', import.meta.url)),
};

export default defineConfig({
  root,
  resolve: { alias },
  test: {
    name: 'differential',
    include: ['testbed/differential/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30 * 60_000,
    hookTimeout: 30 * 60_000,
    fileParallelism: false,
  },
});
