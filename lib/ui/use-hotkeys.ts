'use client';

import { useRouter } from 'next/navigation';
import { useEffect } from 'react';

/** Where `g` then a letter goes. */
const GO_TO: Record<string, string> = { o: '/', a: '/activity' };
/** How long after `g` the second key still counts. */
const CHORD_MS = 1200;

function typingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/**
 * Keyboard shortcuts for the whole app: `/` focuses the page's search box, `g o` goes to the overview,
 * `g a` to the activity log. Keys typed into a field, with a modifier, or while a dialog is open are
 * left alone.
 */
export function useHotkeys(): void {
  const router = useRouter();
  useEffect(() => {
    let chordStartedAt = 0;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.metaKey || event.ctrlKey || event.altKey) return;
      if (typingIn(event.target) || document.querySelector('dialog[open]')) return;
      if (event.key === '/') {
        const search = document.querySelector<HTMLInputElement>('main input[type="search"]');
        if (search) {
          event.preventDefault();
          search.focus();
          search.select();
        }
        return;
      }
      const target = GO_TO[event.key];
      if (target && Date.now() - chordStartedAt < CHORD_MS) {
        chordStartedAt = 0;
        router.push(target);
        return;
      }
      chordStartedAt = event.key === 'g' ? Date.now() : 0;
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [router]);
}
