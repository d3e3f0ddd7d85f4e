'use client';

import { SearchIcon } from './icons';

export function SearchInput({
  value,
  onChange,
  label,
  placeholder,
}: {
  value: string;
  onChange: (value: string) => void;
  label: string;
  placeholder?: string;
}) {
  return (
    <label className="relative flex w-full max-w-xs items-center">
      <span className="sr-only">{label}</span>
      <SearchIcon className="pointer-events-none absolute left-2.5 size-3.5 text-zinc-400" />
      <input
        type="search"
        aria-keyshortcuts="/"
        value={value}
        placeholder={placeholder}
        onChange={(event) => onChange(event.target.value)}
        className="h-7 w-full rounded-md bg-white pr-7 pl-8 text-[13px] text-zinc-900 ring-1 ring-zinc-300 ring-inset placeholder:text-zinc-500 focus:ring-2 focus:ring-teal-600 focus:outline-none dark:bg-zinc-900 dark:text-zinc-100 dark:ring-zinc-700 dark:placeholder:text-zinc-400 dark:focus:ring-teal-400"
      />
      {value ? null : (
        <kbd
          aria-hidden="true"
          className="pointer-events-none absolute right-2 rounded border border-zinc-300 px-1 font-mono text-[10px] text-zinc-500 dark:border-zinc-600 dark:text-zinc-400"
        >
          /
        </kbd>
      )}
    </label>
  );
}
