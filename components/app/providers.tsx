'use client';

import type { ReactNode } from 'react';
import { SWRConfig } from 'swr';
import { ActionDialogsProvider } from '@/components/actions/action-dialogs';
import { StreamProvider } from '@/components/live/stream-provider';
import { RolloutProvider } from '@/components/rollout/rollout-provider';
import { swrConfig } from '@/lib/ui/swr-config';
import { useHotkeys } from '@/lib/ui/use-hotkeys';

export function Providers({ children }: { children: ReactNode }) {
  useHotkeys();
  return (
    <SWRConfig value={swrConfig}>
      <StreamProvider>
        <RolloutProvider>
          <ActionDialogsProvider>{children}</ActionDialogsProvider>
        </RolloutProvider>
      </StreamProvider>
    </SWRConfig>
  );
}
