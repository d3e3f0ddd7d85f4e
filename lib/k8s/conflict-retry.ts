import 'server-only';
// client-go's retry.RetryOnConflict, for meshwatch's patches: each attempt re-reads the object and sends
// a patch carrying the resourceVersion it read, so a 409 Conflict means someone changed the object in
// between; read again and retry, at most CONFLICT_ATTEMPTS times, then let the 409 reach the caller.
import { isMeshwatchError } from '@/lib/api/errors';

export const CONFLICT_ATTEMPTS = 3;

export async function retryOnConflict<T>(
  attempt: () => Promise<T>,
  attempts: number = CONFLICT_ATTEMPTS,
): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (err) {
      if (!isMeshwatchError(err) || err.code !== 'conflict' || n >= attempts) throw err;
    }
  }
}
