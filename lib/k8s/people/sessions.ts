import 'server-only';
// Sign-in sessions (MESHWATCH_AUTH=user, no authenticating proxy in front): the pasted token stays in
// this process's memory, keyed by a random session id; the browser holds only that id, sealed by
// iron-session (encrypted and authenticated with a per-process key, or MESHWATCH_SESSION_SECRET), in an
// HttpOnly, SameSite=Strict cookie. A session ends on sign-out, after MESHWATCH_SESSION_IDLE_MINUTES
// without a request, after MAX_LIFETIME_MS at the latest, or when the API server refuses its token; a
// restart of meshwatch ends them all (nothing is written to disk).
import { randomBytes } from 'node:crypto';
import { sealData, unsealData } from 'iron-session';
import type { PersonInfo } from '@/lib/api/client-identity';
import { forget } from './who';
import { tokenKey } from './person-clients';

type Env = Readonly<Record<string, string | undefined>>;

export const MAX_LIFETIME_MS = 12 * 3600_000;

export function idleMs(env: Env = process.env): number {
  const minutes = Number(env.MESHWATCH_SESSION_IDLE_MINUTES);
  return (Number.isFinite(minutes) && minutes > 0 ? minutes : 30) * 60_000;
}

export interface Session {
  id: string;
  token: string;
  key: string;
  person: PersonInfo;
  createdAt: number;
  lastSeenAt: number;
}

interface Store {
  sessions: Map<string, Session>;
  password?: string;
  sweptAt: number;
}
const KEY = Symbol.for('meshwatch.sessions');
function store(): Store {
  return ((globalThis as Record<symbol, Store | undefined>)[KEY] ??= { sessions: new Map(), sweptAt: 0 });
}

function password(env: Env = process.env): string {
  const s = store();
  const configured = env.MESHWATCH_SESSION_SECRET?.trim();
  if (configured && configured.length >= 32) return configured;
  return (s.password ??= randomBytes(32).toString('base64url'));
}

function expired(session: Session, now: number): boolean {
  return now - session.lastSeenAt > idleMs() || now - session.createdAt > MAX_LIFETIME_MS;
}

function end(id: string): void {
  const s = store();
  const session = s.sessions.get(id);
  if (!session) return;
  s.sessions.delete(id);
  // Another session may hold the same token (two browsers): keep its clients then.
  if (![...s.sessions.values()].some((other) => other.key === session.key)) forget(session.key);
}

function sweep(now: number): void {
  const s = store();
  if (now - s.sweptAt < 60_000) return;
  s.sweptAt = now;
  for (const session of [...s.sessions.values()]) if (expired(session, now)) end(session.id);
}

/** A new session for a token the API server just vouched for; the sealed id is the cookie's value. */
export async function startSession(
  token: string,
  person: PersonInfo,
  now = Date.now(),
): Promise<{ sealed: string; maxAgeSeconds: number }> {
  sweep(now);
  const id = randomBytes(32).toString('base64url');
  store().sessions.set(id, { id, token, key: tokenKey(token), person, createdAt: now, lastSeenAt: now });
  const sealed = await sealData({ sid: id }, { password: password(), ttl: MAX_LIFETIME_MS / 1000 });
  return { sealed, maxAgeSeconds: MAX_LIFETIME_MS / 1000 };
}

async function sessionId(sealed: string): Promise<string | undefined> {
  try {
    const data = await unsealData<{ sid?: unknown }>(sealed, {
      password: password(),
      ttl: MAX_LIFETIME_MS / 1000,
    });
    return typeof data.sid === 'string' ? data.sid : undefined;
  } catch {
    return undefined; // tampered, sealed by another process, or expired
  }
}

/** The live session a cookie names, its idle clock restarted; undefined when there is none. */
export async function openSession(sealed: string, now = Date.now()): Promise<Session | undefined> {
  sweep(now);
  const id = await sessionId(sealed);
  const session = id ? store().sessions.get(id) : undefined;
  if (!session) return undefined;
  if (expired(session, now)) {
    end(session.id);
    return undefined;
  }
  session.lastSeenAt = now;
  return session;
}

/** Sign-out: ends the session a cookie names; says whose it was. */
export async function endSession(sealed: string): Promise<PersonInfo | undefined> {
  const id = await sessionId(sealed);
  const person = id ? store().sessions.get(id)?.person : undefined;
  if (id) end(id);
  return person;
}

export function endSessionById(id: string): void {
  end(id);
}

export function sessionCount(): number {
  return store().sessions.size;
}
