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
        value={value}
        placeholder={placeholder}
        onChange={(event) => onChange(event.target.value)}
        className="h-7 w-full rounded-md bg-white pr-2 pl-8 text-[13px] text-zinc-900 ring-1 ring-zinc-300 ring-inset placeholder:text-zinc-500 focus:ring-2 focus:ring-teal-600 focus:outline-none dark:bg-zinc-900 dark:text-zinc-100 dark:ring-zinc-700 dark:placeholder:text-zinc-400 dark:focus:ring-teal-400"
      />
    </label>
  );
}
