'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { InjectorProbeChip } from '@/components/live/injector-probe';
import { PersonMenu } from '@/components/session/person-menu';
import { LiveIndicator } from '@/components/live/live-indicator';
import { LockIcon } from '@/components/ui/icons';
import { useCapabilities, useContextInfo } from '@/lib/ui/use-api';
import { SIGN_IN_PATH } from '@/lib/ui/fetcher';
import { Logo } from './logo';

const NAV = [
  { href: '/', label: 'Overview', match: (path: string) => path === '/' || path.startsWith('/namespaces') },
  {
    href: '/restart-plan',
    label: 'Restart plan',
    match: (path: string) => path.startsWith('/restart-plan'),
  },
  { href: '/activity', label: 'Activity', match: (path: string) => path.startsWith('/activity') },
];

export function SiteHeader() {
  const pathname = usePathname();
  // Before sign-in there is nothing to navigate to or follow yet: the logo alone.
  if (pathname === SIGN_IN_PATH) return <SignInHeader />;
  return <FullHeader pathname={pathname} />;
}

function SignInHeader() {
  return (
    <header className="sticky top-0 z-30 border-b border-zinc-200 bg-white/90 backdrop-blur dark:border-zinc-800 dark:bg-zinc-950/85">
      <div className="mx-auto flex h-12 max-w-[110rem] items-center gap-2 px-4 font-semibold tracking-tight sm:px-6">
        <Logo />
        <span>meshwatch</span>
      </div>
    </header>
  );
}

function FullHeader({ pathname }: { pathname: string }) {
  const { data: info } = useContextInfo();
  const { data: capabilities } = useCapabilities();
  return (
    <header className="sticky top-0 z-30 border-b border-zinc-200 bg-white/90 backdrop-blur dark:border-zinc-800 dark:bg-zinc-950/85">
      <div className="mx-auto flex h-12 max-w-[110rem] items-center gap-6 px-4 sm:px-6">
        <Link
          href="/"
          className="flex items-center gap-2 rounded-md font-semibold tracking-tight focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-teal-600"
        >
          <Logo />
          <span>meshwatch</span>
        </Link>
        <nav aria-label="Main" className="flex items-center gap-1 text-[13px]">
          {NAV.map((item) => {
            const active = item.match(pathname);
            return (
              <Link
                key={item.href}
                href={item.href}
                aria-current={active ? 'page' : undefined}
                className={`rounded-md px-2.5 py-1.5 font-medium focus-visible:outline-2 focus-visible:outline-teal-600 ${
                  active
                    ? 'bg-zinc-100 text-zinc-900 dark:bg-zinc-800 dark:text-zinc-50'
                    : 'text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100'
                }`}
              >
                {item.label}
              </Link>
            );
          })}
        </nav>
        <div className="ml-auto flex items-center gap-4 text-xs text-zinc-600 dark:text-zinc-400">
          {capabilities?.readOnly && (
            <span
              data-testid="read-only-badge"
              className="inline-flex items-center gap-1 rounded-full bg-amber-100 px-2 py-0.5 font-medium text-amber-900 dark:bg-amber-400/15 dark:text-amber-200"
            >
              <LockIcon className="size-3" /> Read-only
            </span>
          )}
          {info && (
            <span className="hidden items-center gap-1.5 md:inline-flex" title={info.context.server}>
              <span className="text-zinc-500 dark:text-zinc-400">context</span>
              <span className="font-mono text-zinc-800 dark:text-zinc-200">{info.context.name}</span>
            </span>
          )}
          <InjectorProbeChip />
          <LiveIndicator />
          <PersonMenu />
        </div>
      </div>
    </header>
  );
}
