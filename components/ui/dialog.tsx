'use client';

import { useEffect, useId, useRef, type ReactNode } from 'react';
import { CrossIcon } from './icons';

/**
 * A native modal <dialog>: the browser traps focus, closes on Escape and restores focus on close.
 * Content mounts only while open so each opening starts fresh.
 */
export function Dialog({
  open,
  onClose,
  title,
  description,
  children,
  footer,
  placement = 'center',
  testId,
}: {
  open: boolean;
  onClose: () => void;
  title: ReactNode;
  description?: ReactNode;
  children: ReactNode;
  footer?: ReactNode;
  placement?: 'center' | 'side';
  testId?: string;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      // React's autoFocus runs before showModal() and loses; focus the chosen control once the dialog is up.
      dialog.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    }
    if (!open && dialog.open) dialog.close();
  }, [open]);

  const frame =
    placement === 'side'
      ? 'my-0 mr-0 ml-auto h-dvh max-h-dvh w-[min(46rem,100vw)] max-w-none rounded-none border-l'
      : 'm-auto w-[min(40rem,calc(100vw-2rem))] rounded-xl border';

  return (
    <dialog
      ref={ref}
      aria-labelledby={open ? titleId : undefined}
      data-testid={testId}
      onClose={onClose}
      className={`border-zinc-200 bg-white p-0 text-zinc-900 shadow-2xl backdrop:bg-zinc-950/55 backdrop:backdrop-blur-[1px] dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100 ${frame}`}
    >
      {open && (
        <div className={`flex flex-col ${placement === 'side' ? 'h-full' : 'max-h-[calc(100dvh-4rem)]'}`}>
          <header className="flex items-start justify-between gap-4 border-b border-zinc-200 px-5 py-3.5 dark:border-zinc-800">
            <div className="min-w-0">
              <h2 id={titleId} className="text-base font-semibold">
                {title}
              </h2>
              {description && (
                <div className="mt-0.5 text-[13px] text-zinc-500 dark:text-zinc-400">{description}</div>
              )}
            </div>
            <button
              type="button"
              onClick={onClose}
              // The side panel is read first: start on Close, not on the first link inside it.
              data-autofocus={placement === 'side' ? '' : undefined}
              aria-label="Close"
              className="rounded-md p-1 text-zinc-500 hover:bg-zinc-100 hover:text-zinc-800 focus-visible:outline-2 focus-visible:outline-teal-600 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-100"
            >
              <CrossIcon />
            </button>
          </header>
          {/* Focusable so the content scrolls from the keyboard even when it holds no control. */}
          <div
            tabIndex={0}
            className="min-h-0 flex-1 overflow-y-auto px-5 py-4 text-[13px] focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-teal-600"
          >
            {children}
          </div>
          {footer && (
            <footer className="flex flex-wrap items-center justify-end gap-2 border-t border-zinc-200 bg-zinc-50 px-5 py-3 dark:border-zinc-800 dark:bg-zinc-950/40">
              {footer}
            </footer>
          )}
        </div>
      )}
    </dialog>
  );
}
