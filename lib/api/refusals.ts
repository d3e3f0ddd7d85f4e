// Refused mutations (Host, CSRF, read-only, validation, method) leave an audit line too: someone tried to
// change the cluster and was stopped. Rate-limited per process, because anyone who can reach the port
// can cause them: at most REFUSALS_PER_WINDOW lines per window, then one line counting what was dropped.
import { clientIdentity } from './client-identity';
import { isMeshwatchError } from './errors';

export const REFUSALS_PER_WINDOW = 20;
export const REFUSAL_WINDOW_MS = 60_000;

const SAFE_METHODS = ['GET', 'HEAD', 'OPTIONS'];

interface Limiter {
  windowStart: number;
  logged: number;
  suppressed: number;
  /** Writes the window's count when it closes, even if no refusal ever comes after (#29). */
  flush?: ReturnType<typeof setTimeout>;
}
const LIMITER_KEY = Symbol.for('meshwatch.refusal-limiter');

function limiter(): Limiter {
  const holder = globalThis as Record<symbol, Limiter | undefined>;
  return (holder[LIMITER_KEY] ??= { windowStart: 0, logged: 0, suppressed: 0 });
}

/** The window's count of refusals not logged, once: when it closes, or when the next one rolls it. */
function flushSuppressed(l: Limiter, log: (line: Record<string, unknown>) => void): void {
  clearTimeout(l.flush);
  l.flush = undefined;
  if (l.suppressed === 0) return;
  log({
    level: 'warn',
    msg: 'meshwatch refusals suppressed',
    count: l.suppressed,
    since: new Date(l.windowStart).toISOString(),
  });
  l.suppressed = 0;
}

/** True when this refusal may be logged; rolls the window and reports what the last one dropped. */
function admit(now: number, log: (line: Record<string, unknown>) => void): boolean {
  const l = limiter();
  if (now - l.windowStart >= REFUSAL_WINDOW_MS) {
    flushSuppressed(l, log);
    l.windowStart = now;
    l.logged = 0;
    l.suppressed = 0;
  }
  if (l.logged >= REFUSALS_PER_WINDOW) {
    if (l.suppressed++ === 0) {
      l.flush = setTimeout(() => flushSuppressed(l, log), l.windowStart + REFUSAL_WINDOW_MS - now);
      l.flush.unref?.();
    }
    return false;
  }
  l.logged++;
  return true;
}

/** Path as sent, clipped: a log line, never markup. */
function pathOf(request: Request): string {
  try {
    const { pathname } = new URL(request.url);
    return pathname.length > 200 ? `${pathname.slice(0, 200)}…` : pathname;
  } catch {
    return '(unparsable)';
  }
}

export function recordRefusal(
  request: Request,
  err: unknown,
  log: (line: Record<string, unknown>) => void = (line) => console.log(JSON.stringify(line)),
  now = Date.now(),
): void {
  if (SAFE_METHODS.includes(request.method.toUpperCase())) return;
  if (!isMeshwatchError(err) || err.status < 400 || err.status >= 500) return;
  if (!admit(now, log)) return;
  log({
    level: 'warn',
    msg: 'meshwatch action',
    at: new Date(now).toISOString(),
    action: 'refused',
    method: request.method.slice(0, 16),
    path: pathOf(request),
    result: 'refused',
    code: err.code,
    detail: err.message,
    ...clientIdentity(request),
  });
}

/** For tests: start a fresh window. */
export function resetRefusalLimiter(): void {
  clearTimeout(limiter().flush);
  (globalThis as Record<symbol, Limiter | undefined>)[LIMITER_KEY] = undefined;
}
