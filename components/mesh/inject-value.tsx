import type { Lint } from '@/lib/api/dto';
import { Badge } from '@/components/ui/badge';
import type { Tone } from '@/lib/ui/pod-status';

const TONES: Record<string, Tone> = { enabled: 'good', ingress: 'info', disabled: 'neutral' };

/** The namespace's raw `linkerd.io/inject` value; the engine's lint decides whether it is valid. */
export function InjectValue({ value, lints = [] }: { value?: string; lints?: readonly Lint[] }) {
  if (value === undefined) {
    return <span className="text-xs text-zinc-500 dark:text-zinc-400">not set</span>;
  }
  const invalid = lints.find(
    (lint) => lint.code === 'invalid_inject_value' && lint.target.kind === 'Namespace',
  );
  return (
    <Badge
      tone={invalid ? 'bad' : (TONES[value] ?? 'neutral')}
      title={invalid?.message ?? `linkerd.io/inject: ${value}`}
    >
      {value}
      {invalid && <span className="font-sans">(invalid)</span>}
    </Badge>
  );
}
