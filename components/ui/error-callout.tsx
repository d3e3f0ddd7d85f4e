import type { ReactNode } from 'react';
import { errorMessage, errorTitle } from '@/lib/ui/api-error';
import { Callout } from './callout';

/** A server error in plain words: a headline for its code, then the server's own message. */
export function ErrorCallout({
  error,
  actions,
  prefix,
}: {
  error: unknown;
  actions?: ReactNode;
  prefix?: string;
}) {
  return (
    <Callout
      tone="bad"
      role="alert"
      title={prefix ? `${prefix}: ${errorTitle(error)}` : errorTitle(error)}
      actions={actions}
      testId="error"
    >
      <p>{errorMessage(error)}</p>
    </Callout>
  );
}
