'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { useSession } from '@/lib/ui/use-api';
import { displayName, signOut } from '@/lib/ui/session';

const SHARED: Record<string, string> = {
  kubeconfig: 'Acting with the kubeconfig identity of the meshwatch process',
  serviceaccount:
    'Shared identity: everyone who reaches this meshwatch acts as its ServiceAccount (MESHWATCH_AUTH=serviceaccount)',
};

/** Whose identity the page acts with, in the header; sign-out for a sign-in session. */
export function PersonMenu() {
  const { data: session } = useSession();
  const [busy, setBusy] = useState(false);
  if (!session) return null;
  const name = session.person ? displayName(session.person.username) : 'unknown identity';
  const title = session.person
    ? `${session.person.username}\ngroups: ${session.person.groups.join(', ') || '(none)'}${session.mode === 'user' ? '' : `\n${SHARED[session.mode]}`}`
    : SHARED[session.mode];
  async function out() {
    setBusy(true);
    try {
      await signOut();
    } finally {
      // A full load on purpose: no cached answer of the last identity may survive it.
      // eslint-disable-next-line @next/next/no-location-assign-relative-destination
      window.location.assign('/sign-in');
    }
  }
  return (
    <span className="inline-flex items-center gap-1.5" data-testid="person">
      <span className="text-zinc-500 dark:text-zinc-400">
        {session.mode === 'serviceaccount' ? 'shared' : 'as'}
      </span>
      <span
        className="max-w-48 truncate font-mono text-zinc-800 dark:text-zinc-200"
        title={title}
        data-testid="person-name"
      >
        {name}
      </span>
      {session.via === 'session' && (
        <Button size="xs" variant="ghost" busy={busy} onClick={out} data-action="sign-out">
          Sign out
        </Button>
      )}
    </span>
  );
}
