'use client';

import { useSearchParams } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { Callout } from '@/components/ui/callout';
import { CommandBlock } from '@/components/ui/command-block';
import { errorMessage, errorTitle } from '@/lib/ui/api-error';
import { safeNext, signIn } from '@/lib/ui/session';

/**
 * The person pastes a Kubernetes bearer token; the server asks the API server whose it is and keeps it.
 * From then on every page shows what *their* RBAC lets them see, and every change goes out as them.
 */
export function SignInForm() {
  const next = safeNext(useSearchParams().get('next'));
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await signIn(token.trim());
      setToken('');
      // A full load: every cached answer was someone else's (or nobody's).
      window.location.assign(next);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  return (
    <div className="mx-auto max-w-xl space-y-4 py-6" data-testid="sign-in">
      <div>
        <h1 className="text-lg font-semibold">Sign in with your Kubernetes identity</h1>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
          This meshwatch acts as you: you see the namespaces where you may list pods, and every change is sent
          to the API server with your own token, so your RBAC decides and the audit log names you.
        </p>
      </div>
      {error !== undefined && (
        <Callout tone="bad" title={errorTitle(error)} role="alert" testId="sign-in-error">
          {errorMessage(error)}
        </Callout>
      )}
      <form onSubmit={submit} className="space-y-3">
        <label className="block text-sm font-medium" htmlFor="token">
          Bearer token
        </label>
        <textarea
          id="token"
          name="token"
          value={token}
          onChange={(e) => setToken(e.target.value)}
          rows={5}
          required
          autoFocus
          autoComplete="off"
          spellCheck={false}
          placeholder="eyJhbGciOi…"
          className="block w-full rounded-md border border-zinc-300 bg-white p-2 font-mono text-xs break-all focus-visible:outline-2 focus-visible:outline-teal-600 dark:border-zinc-700 dark:bg-zinc-900"
        />
        <Button
          type="submit"
          variant="primary"
          busy={busy}
          blockedReason={token.trim() ? null : 'Paste a token first.'}
        >
          Sign in
        </Button>
      </form>
      <div className="space-y-2 text-sm text-zinc-600 dark:text-zinc-400">
        <p>Where a token comes from:</p>
        <CommandBlock
          label="A ServiceAccount token"
          text="kubectl create token YOUR-SERVICEACCOUNT -n NAMESPACE --duration=8h"
        />
        <CommandBlock
          label="An OIDC ID token (kubelogin)"
          text="kubectl oidc-login get-token --oidc-issuer-url=… --oidc-client-id=… | jq -r .status.token"
        />
        <p>
          The token stays on the meshwatch server, in memory, until you sign out or stay idle too long; the
          browser keeps only a session cookie it cannot read.
        </p>
      </div>
    </div>
  );
}
