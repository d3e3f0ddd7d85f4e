import type { SWRConfiguration } from 'swr';
import { isFinalError } from './api-error';
import { fetchJson } from './fetcher';

const MAX_RETRIES = 6;

/** The app-wide SWR settings: one fetcher, no retry on 4xx answers, gentle backoff for the rest. */
export const swrConfig: SWRConfiguration = {
  fetcher: fetchJson,
  keepPreviousData: true,
  dedupingInterval: 1_000,
  focusThrottleInterval: 10_000,
  onErrorRetry(error, _key, _config, revalidate, { retryCount }) {
    if (isFinalError(error) || retryCount >= MAX_RETRIES) return;
    setTimeout(() => void revalidate({ retryCount }), Math.min(30_000, 1_000 * 2 ** retryCount));
  },
};
