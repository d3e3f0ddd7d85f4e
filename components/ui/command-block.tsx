'use client';

import { useState } from 'react';
import { CheckIcon } from './icons';

/** A command or manifest fragment, exactly as it will work, with a Copy button. */
export function CommandBlock({ label, text, testId }: { label: string; text: string; testId?: string }) {
  const [copied, setCopied] = useState(false);
  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    } catch {
      setCopied(false);
    }
  }
  return (
    <figure className="space-y-1" data-testid={testId}>
      <figcaption className="flex items-center justify-between text-xs font-medium text-zinc-600 dark:text-zinc-400">
        <span>{label}</span>
        <button
          type="button"
          onClick={() => void copy()}
          aria-label={`Copy ${label}`}
          className="inline-flex items-center gap-1 rounded px-1.5 py-0.5 text-xs text-zinc-700 ring-1 ring-zinc-300 hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-teal-600 dark:text-zinc-200 dark:ring-zinc-600 dark:hover:bg-zinc-800"
        >
          {copied && <CheckIcon className="size-3" />}
          {copied ? 'Copied' : 'Copy'}
        </button>
      </figcaption>
      <pre className="overflow-x-auto rounded-md bg-zinc-100 px-3 py-2 font-mono text-xs whitespace-pre text-zinc-900 dark:bg-zinc-950 dark:text-zinc-100">
        {text}
      </pre>
    </figure>
  );
}
