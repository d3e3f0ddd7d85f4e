'use client';

import { usePathname, useSearchParams } from 'next/navigation';
import { useCallback } from 'react';

export type UrlChanges = Record<string, string | null>;
export type UrlParams = Pick<URLSearchParams, 'get' | 'has' | 'toString'>;

/**
 * Filters, sorting and the open pod live in the query string so a link shows exactly this view.
 * `history.replaceState` is integrated with the App Router: useSearchParams updates, nothing is refetched.
 */
export function useUrlState(): [UrlParams, (changes: UrlChanges, mode?: 'replace' | 'push') => void] {
  const searchParams = useSearchParams();
  const pathname = usePathname();

  const update = useCallback(
    (changes: UrlChanges, mode: 'replace' | 'push' = 'replace') => {
      const next = new URLSearchParams(searchParams.toString());
      for (const [name, value] of Object.entries(changes)) {
        if (value === null || value === '') next.delete(name);
        else next.set(name, value);
      }
      const query = next.toString();
      const url = query ? `${pathname}?${query}` : pathname;
      if (mode === 'push') window.history.pushState(null, '', url);
      else window.history.replaceState(null, '', url);
    },
    [pathname, searchParams],
  );

  return [searchParams, update];
}
