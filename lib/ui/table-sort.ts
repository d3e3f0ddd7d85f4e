import type { UrlParams } from './use-url-state';

export interface SortState {
  key: string;
  direction: 'asc' | 'desc';
}

/** Reads `<prefix>sort` and `<prefix>dir` from the URL, falling back to a default. */
export function readSort(
  params: UrlParams,
  allowed: readonly string[],
  fallback: SortState,
  prefix = '',
): SortState {
  const key = params.get(`${prefix}sort`);
  if (!key || !allowed.includes(key)) return fallback;
  return { key, direction: params.get(`${prefix}dir`) === 'desc' ? 'desc' : 'asc' };
}

/** Clicking the active column flips it; another column starts ascending (or at its natural direction). */
export function nextSort(
  current: SortState,
  key: string,
  descendingFirst: readonly string[] = [],
): SortState {
  if (current.key === key) return { key, direction: current.direction === 'asc' ? 'desc' : 'asc' };
  return { key, direction: descendingFirst.includes(key) ? 'desc' : 'asc' };
}

export function compareBy<T>(
  value: (item: T) => number | string,
  direction: 'asc' | 'desc',
): (a: T, b: T) => number {
  const sign = direction === 'asc' ? 1 : -1;
  return (a, b) => {
    const left = value(a);
    const right = value(b);
    if (left === right) return 0;
    return (left < right ? -1 : 1) * sign;
  };
}

/** Case-insensitive "every word appears somewhere" match. */
export function matchesQuery(query: string, ...fields: (string | undefined)[]): boolean {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = fields.filter(Boolean).join(' ').toLowerCase();
  return words.every((word) => haystack.includes(word));
}
