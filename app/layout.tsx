import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { Providers } from '@/components/app/providers';
import { SiteHeader } from '@/components/app/site-header';
import { CapabilityNotice } from '@/components/live/capability-notice';
import { InjectorProbeBanner } from '@/components/live/injector-probe';
import { LiveBanner } from '@/components/live/live-banner';
import { SnapshotBanner } from '@/components/live/snapshot-banner';
import { RolloutTray } from '@/components/rollout/rollout-tray';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'meshwatch', template: '%s · meshwatch' },
  description: 'See and fix Linkerd proxy injection across a Kubernetes cluster',
};

export const viewport: Viewport = {
  colorScheme: 'light dark',
  themeColor: [
    { media: '(prefers-color-scheme: light)', color: '#ffffff' },
    { media: '(prefers-color-scheme: dark)', color: '#09090b' },
  ],
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-dvh bg-zinc-50 font-sans text-zinc-900 antialiased dark:bg-zinc-950 dark:text-zinc-100">
        <Providers>
          <a
            href="#main"
            className="sr-only z-50 rounded-md bg-white px-3 py-2 text-sm font-medium focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:ring-2 focus:ring-teal-600 dark:bg-zinc-900"
          >
            Skip to content
          </a>
          <SiteHeader />
          <div className="mx-auto max-w-[110rem] space-y-2 px-4 pt-3 empty:hidden sm:px-6">
            <SnapshotBanner />
            <LiveBanner />
            <InjectorProbeBanner />
            <CapabilityNotice />
            <RolloutTray />
          </div>
          <main id="main" className="mx-auto max-w-[110rem] px-4 py-4 sm:px-6">
            {children}
          </main>
        </Providers>
      </body>
    </html>
  );
}
