'use client';

import { Button } from '@/components/ui/button';
import { Callout } from '@/components/ui/callout';

/** A render error in the page: plain words and a retry, never a stack trace. */
export default function PageError({ retry }: { error: unknown; retry: () => void }) {
  return (
    <Callout
      tone="bad"
      role="alert"
      title="This page hit an unexpected problem"
      actions={<Button onClick={retry}>Try again</Button>}
    >
      <p>The rest of meshwatch still works. If it keeps happening, the server log has the details.</p>
    </Callout>
  );
}
