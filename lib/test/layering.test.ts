// The import boundaries in eslint.config.mjs, checked the way a newcomer would break them: one import
// against the direction per layer is refused with the layer's message, and the allowed direction passes.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function restricted(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layering', { timeout: 60_000 }, () => {
  it.each([
    ['lib/mesh/probe-file.ts', "import '@/lib/k8s/cache';", 'pure engine'],
    ['lib/mesh/probe-file.ts', "import '../k8s/cache';", 'pure engine'],
    ['lib/mesh/probe-file.ts', "import '@kubernetes/client-node';", 'pure engine'],
    ['lib/mesh/probe-file.ts', "import '@/lib/api/dto';", 'pure engine'],
    ['lib/mesh/probe-file.ts', "import '../test/mesh-fixtures.ts';", 'pure engine'],
    ['lib/api/probe-file.ts', "import '@/lib/k8s/cache';", 'contract leaf'],
    ['lib/api/probe-file.ts', "import '@/lib/ui/format';", 'contract leaf'],
    ['lib/k8s/probe-file.ts', "import '@/components/ui/relative-time';", 'under the response shapers'],
    ['lib/k8s/probe-file.ts', "import '@/lib/test/dump-fixtures';", 'under the response shapers'],
    ['lib/k8s/probe-file.ts', "import '@/lib/server/responses';", 'under the response shapers'],
    ['lib/k8s/probe-file.ts', "import '../server/responses';", 'under the response shapers'],
    ['lib/server/probe-file.ts', "import '@kubernetes/client-node';", 'shapes engine results'],
    ['lib/server/probe-file.ts', "import '@/lib/ui/format';", 'shapes engine results'],
    ['lib/api/probe-file.ts', "import '@/lib/server/responses';", 'contract leaf'],
    ['components/probe-file.tsx', "import '@/lib/k8s/cache';", 'over HTTP only'],
    ['lib/ui/probe-file.ts', "import '@kubernetes/client-node';", 'over HTTP only'],
    ['app/namespaces/page.tsx', "import '@/lib/k8s/source-analysis';", 'over HTTP only'],
    ['components/probe-file.tsx', "import '@/lib/server/responses';", 'over HTTP only'],
    ['components/probe-file.tsx', "import type { PodVerdict } from '@/lib/mesh/types';", 'wire contract'],
    ['lib/ui/probe-file.ts', "import { type Lint, lintSentence } from '@/lib/mesh/lints';", 'wire contract'],
    [
      'app/api/v1/overview/route.ts',
      "import { V1Namespace } from '@kubernetes/client-node';",
      'never client-node',
    ],
  ])('%s may not %s', async (file, source, message) => {
    const messages = await restricted(file, source);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain(message);
  });

  it.each([
    ['lib/k8s/probe-file.ts', "import '@/lib/mesh/analyze';"],
    ['lib/k8s/probe-file.ts', "import '@/lib/api/errors';"],
    ['app/api/v1/probe/route.ts', "import '@/lib/k8s/cache';"],
    ['app/api/v1/probe/route.ts', "import '@/lib/server/responses';"],
    ['lib/server/probe-file.ts', "import '@/lib/k8s/source-analysis';"],
    ['components/probe-file.tsx', "import '@/lib/mesh/status-words';"],
    ['components/probe-file.tsx', "import { POD_STATUSES } from '@/lib/mesh/types';"],
    ['components/probe-file.tsx', "import type { PodVerdict } from '@/lib/api/dto';"],
    ['lib/mesh/probe-file.test.ts', "import '../test/mesh-fixtures.ts';"],
    ['lib/k8s/probe-file.test.ts', "import '@/lib/test/dump-fixtures';"],
  ])('%s may %s', async (file, source) => {
    expect(await restricted(file, source)).toEqual([]);
  });
});
