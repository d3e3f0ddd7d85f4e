'use client';

import { useId, type ButtonHTMLAttributes, type ReactNode } from 'react';
import { LockIcon } from './icons';
import { Spinner } from './spinner';

type Variant = 'primary' | 'secondary' | 'danger' | 'ghost';

const VARIANTS: Record<Variant, string> = {
  primary:
    'bg-teal-700 text-white shadow-sm hover:bg-teal-800 dark:bg-teal-400 dark:text-zinc-950 dark:hover:bg-teal-300',
  secondary:
    'bg-white text-zinc-800 shadow-sm ring-1 ring-zinc-300 ring-inset hover:bg-zinc-50 dark:bg-zinc-800 dark:text-zinc-100 dark:ring-zinc-600 dark:hover:bg-zinc-700',
  danger:
    'bg-rose-700 text-white shadow-sm hover:bg-rose-800 dark:bg-rose-400 dark:text-zinc-950 dark:hover:bg-rose-300',
  ghost: 'text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800',
};

const BLOCKED =
  'cursor-not-allowed bg-zinc-100 text-zinc-600 shadow-none ring-1 ring-zinc-200 ring-inset hover:bg-zinc-100 dark:bg-zinc-800/60 dark:text-zinc-400 dark:ring-zinc-700 dark:hover:bg-zinc-800/60';

export interface ButtonProps extends Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'disabled'> {
  variant?: Variant;
  size?: 'xs' | 'sm' | 'md';
  /** Turns the button off and says why (tooltip, and to screen readers through aria-describedby). */
  blockedReason?: string | null;
  busy?: boolean;
  icon?: ReactNode;
}

/**
 * An off button stays focusable (aria-disabled, not `disabled`) so keyboard users can reach it and hear
 * the reason it is off.
 */
export function Button({
  variant = 'secondary',
  size = 'sm',
  blockedReason,
  busy = false,
  icon,
  className = '',
  onClick,
  children,
  ...rest
}: ButtonProps) {
  const reasonId = useId();
  const blocked = Boolean(blockedReason) || busy;
  const sizes = {
    xs: 'h-6 gap-1 px-2 text-xs',
    sm: 'h-7 gap-1.5 px-2.5 text-[13px]',
    md: 'h-9 gap-2 px-3.5 text-sm',
  };
  return (
    <>
      <button
        type="button"
        aria-disabled={blocked || undefined}
        aria-describedby={blockedReason ? reasonId : undefined}
        aria-busy={busy || undefined}
        title={blockedReason ?? undefined}
        data-blocked-reason={blockedReason ?? undefined}
        onClick={(event) => {
          if (blocked) event.preventDefault();
          else onClick?.(event);
        }}
        className={`inline-flex shrink-0 items-center justify-center rounded-md font-medium whitespace-nowrap transition-colors focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-teal-600 dark:focus-visible:outline-teal-400 ${sizes[size]} ${blockedReason ? BLOCKED : VARIANTS[variant]} ${busy ? 'cursor-progress opacity-80' : ''} ${className}`}
        {...rest}
      >
        {busy ? <Spinner /> : blockedReason && icon ? <LockIcon className="size-3.5" /> : icon}
        {children}
      </button>
      {blockedReason && (
        <span id={reasonId} className="sr-only">
          {blockedReason}
        </span>
      )}
    </>
  );
}
