'use client';

import Link from 'next/link';
import type { NamespaceRow } from '@/lib/api/dto';
import { InjectionButton, RestartNamespaceButton } from '@/components/actions/action-buttons';
import { GitOpsBadge } from '@/components/mesh/gitops-badge';
import { InjectValue } from '@/components/mesh/inject-value';
import { Tag } from '@/components/ui/badge';
import { ChevronIcon } from '@/components/ui/icons';
import { RatioBar } from '@/components/ui/ratio-bar';
import { formatPercent } from '@/lib/ui/format';
import { useContextInfo } from '@/lib/ui/use-api';
import { RelativeTime } from '@/components/ui/relative-time';

export function NamespaceHeader({ namespace }: { namespace: NamespaceRow }) {
  const { data: info } = useContextInfo();
  const current = info?.cluster.injectProxyVersion;
  return (
    <div className="space-y-3">
      <nav
        aria-label="Breadcrumb"
        className="flex items-center gap-1 text-xs text-zinc-500 dark:text-zinc-400"
      >
        <Link
          href="/"
          className="rounded hover:text-zinc-900 hover:underline focus-visible:outline-2 focus-visible:outline-teal-600 dark:hover:text-zinc-100"
        >
          Overview
        </Link>
        <ChevronIcon className="size-3" />
        <span aria-current="page">Namespace</span>
      </nav>
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div className="min-w-0 space-y-1.5">
          <div className="flex flex-wrap items-center gap-2">
            <h1 className="truncate font-mono text-xl font-semibold tracking-tight">{namespace.name}</h1>
            {namespace.isControlPlane && <Tag>control plane</Tag>}
            <GitOpsBadge manager={namespace.gitOps} />
            {namespace.webhookExcluded && (
              <Tag title="The injector webhook's namespaceSelector does not match this namespace">
                excluded by webhook
              </Tag>
            )}
          </div>
          <dl className="flex flex-wrap items-center gap-x-6 gap-y-1 text-[13px]">
            <div className="flex items-center gap-2" data-testid="namespace-injection">
              <dt className="text-zinc-500 dark:text-zinc-400">linkerd.io/inject</dt>
              <dd className="flex items-center gap-1.5">
                <InjectValue value={namespace.injectValue} lints={namespace.lints} />
                {namespace.injectAnnotationSetAt && (
                  <RelativeTime
                    iso={namespace.injectAnnotationSetAt}
                    prefix="set "
                    className="text-xs text-zinc-500 dark:text-zinc-400"
                  />
                )}
              </dd>
            </div>
            <div className="flex w-64 items-center gap-2">
              <dt className="text-zinc-500 dark:text-zinc-400">Meshed</dt>
              <dd className="flex-1">
                <RatioBar
                  part={namespace.meshed}
                  counts={namespace.statusCounts}
                  whole={namespace.pods}
                  label={`${formatPercent(namespace.meshed, namespace.pods)} meshed`}
                />
              </dd>
            </div>
            {namespace.proxyVersions.length > 0 && (
              <div className="flex items-center gap-2">
                <dt className="text-zinc-500 dark:text-zinc-400">Proxy versions</dt>
                <dd className="flex flex-wrap gap-1.5 font-mono text-xs" data-testid="proxy-versions">
                  {namespace.proxyVersions.map((version) =>
                    current && version !== current ? (
                      <span
                        key={version}
                        data-outdated="true"
                        title={`The injector injects ${current} now; restart to upgrade`}
                        className="rounded bg-sky-100 px-1 text-sky-900 dark:bg-sky-400/15 dark:text-sky-200"
                      >
                        {version} (outdated)
                      </span>
                    ) : (
                      <span key={version}>{version}</span>
                    ),
                  )}
                </dd>
              </div>
            )}
          </dl>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          {namespace.workloadsNeedingRestart > 0 && (
            <RestartNamespaceButton
              namespace={namespace.name}
              workloadsNeedingRestart={namespace.workloadsNeedingRestart}
              size="sm"
            />
          )}
          <InjectionButton
            namespace={namespace.name}
            current={namespace.injectValue}
            verdict={namespace.injection}
            size="sm"
            label="Change injection…"
          />
        </div>
      </div>
    </div>
  );
}
