import type { InjectValue } from '@/lib/api/dto';

export type InjectionChoiceValue = InjectValue | null;

const OPTIONS: { value: InjectionChoiceValue; label: string; effect: string }[] = [
  { value: 'enabled', label: 'Enable', effect: 'New pods get a Linkerd proxy.' },
  {
    value: 'ingress',
    label: 'Ingress',
    effect: 'New pods get a proxy in ingress mode (for ingress controllers).',
  },
  {
    value: 'disabled',
    label: 'Disable',
    effect: 'New pods start without a proxy unless their own template opts in.',
  },
  { value: null, label: 'Remove annotation', effect: 'Only each pod template’s own annotation decides.' },
];

export function choiceKey(value: InjectionChoiceValue): string {
  return value ?? 'remove';
}

export function choiceEffect(value: InjectionChoiceValue): string {
  return OPTIONS.find((option) => option.value === value)?.effect ?? '';
}

/** The four things a namespace's `linkerd.io/inject` can become, as a labelled radio group. */
export function InjectionChoice({
  current,
  value,
  onChange,
}: {
  current: string | undefined;
  value: InjectionChoiceValue;
  onChange: (value: InjectionChoiceValue) => void;
}) {
  return (
    <fieldset>
      <legend className="mb-2 text-xs font-semibold text-zinc-600 dark:text-zinc-400">
        Set <code className="font-mono">linkerd.io/inject</code> to
      </legend>
      <div className="grid gap-2 sm:grid-cols-2">
        {OPTIONS.map((option) => {
          const isCurrent = (option.value ?? undefined) === current;
          return (
            <label
              key={choiceKey(option.value)}
              className="flex cursor-pointer gap-2.5 rounded-md p-2.5 ring-1 ring-zinc-200 has-checked:bg-teal-50 has-checked:ring-2 has-checked:ring-teal-600 has-focus-visible:outline-2 has-focus-visible:outline-offset-2 has-focus-visible:outline-teal-600 dark:ring-zinc-700 dark:has-checked:bg-teal-400/10 dark:has-checked:ring-teal-400"
            >
              <input
                type="radio"
                name="inject-value"
                value={choiceKey(option.value)}
                checked={option.value === value}
                onChange={() => onChange(option.value)}
                className="mt-0.5 accent-teal-700 dark:accent-teal-400"
              />
              <span>
                <span className="font-medium">{option.label}</span>
                {option.value && (
                  <code className="ml-1.5 font-mono text-xs text-zinc-500 dark:text-zinc-400">
                    {option.value}
                  </code>
                )}
                {isCurrent && (
                  <span className="ml-1.5 text-xs text-zinc-500 dark:text-zinc-400">(current)</span>
                )}
                <span className="block text-xs text-zinc-600 dark:text-zinc-400">{option.effect}</span>
              </span>
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}
