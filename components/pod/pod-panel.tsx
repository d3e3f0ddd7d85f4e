'use client';

import Link from 'next/link';
import { Dialog } from '@/components/ui/dialog';
import { PodExplanation } from './pod-explanation';

/** The explanation as a side panel over the namespace page; `?pod=` in the URL opens it. */
export function PodPanel({
  namespace,
  pod,
  onClose,
}: {
  namespace: string;
  pod: string | null;
  onClose: () => void;
}) {
  return (
    <Dialog
      open={pod !== null}
      onClose={onClose}
      placement="side"
      testId="pod-panel"
      title={<span className="font-mono">{pod}</span>}
      description={
        pod && (
          <>
            Pod in <span className="font-mono">{namespace}</span> ·{' '}
            <Link
              href={`/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(pod)}`}
              className="text-teal-800 underline underline-offset-2 hover:decoration-2 dark:text-teal-300"
            >
              open as a page
            </Link>
          </>
        )
      }
    >
      {pod && <PodExplanation namespace={namespace} pod={pod} />}
    </Dialog>
  );
}
