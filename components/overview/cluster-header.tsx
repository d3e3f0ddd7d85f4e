import type { ClusterSummary, ContextInfo } from '@/lib/api/dto';
import { Badge } from '@/components/ui/badge';
import type { ReactNode } from 'react';

function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div className="min-w-0" data-testid={testId}>
      <dt className="text-[11px] font-medium tracking-wide text-zinc-500 uppercase dark:text-zinc-400">
        {label}
      </dt>
      <dd className="mt-0.5 flex items-center gap-1.5 truncate text-[13px] text-zinc-900 dark:text-zinc-100">
        {children}
      </dd>
    </div>
  );
}

/** Where we are and what Linkerd's injector looks like right now. */
export function ClusterHeader({ context, cluster }: { context: ContextInfo; cluster: ClusterSummary }) {
  const pods = cluster.injectorPods;
  return (
    <div className="flex flex-wrap items-end justify-between gap-x-10 gap-y-4">
      <div className="min-w-0">
        <p className="text-xs font-medium text-zinc-500 dark:text-zinc-400">Kubernetes context</p>
        <h1 className="truncate font-mono text-xl font-semibold tracking-tight" data-testid="context-name">
          {context.name}
        </h1>
        <p className="truncate font-mono text-xs text-zinc-500 dark:text-zinc-400">
          {context.server}
          {context.inCluster && ' · in-cluster'}
        </p>
      </div>
      <dl className="grid grid-cols-2 gap-x-8 gap-y-2 sm:grid-cols-3 lg:grid-cols-5">
        <Fact label="Kubernetes" testId="kubernetes-version">
          <span className="font-mono">{context.kubernetesVersion ?? 'unknown'}</span>
        </Fact>
        <Fact label="Linkerd" testId="linkerd-version">
          {cluster.linkerdVersion ? (
            <>
              <span className="font-mono">{cluster.linkerdVersion}</span>
              {cluster.injectProxyVersion && cluster.injectProxyVersion !== cluster.linkerdVersion && (
                <span
                  className="truncate text-xs text-zinc-500 dark:text-zinc-400"
                  title="The proxy version the injector writes into new pods; pods with another one are outdated-proxy"
                  data-testid="inject-proxy-version"
                >
                  proxy <span className="font-mono">{cluster.injectProxyVersion}</span>
                </span>
              )}
            </>
          ) : (
            <Badge tone="bad">not installed</Badge>
          )}
        </Fact>
        <Fact label="Injector webhook" testId="injector-webhook">
          {cluster.webhookPresent ? <Badge tone="good">present</Badge> : <Badge tone="bad">absent</Badge>}
        </Fact>
        <Fact label="failurePolicy" testId="failure-policy">
          {cluster.failurePolicy === undefined ? (
            <span className="text-zinc-500 dark:text-zinc-400">—</span>
          ) : (
            <Badge
              tone={cluster.failurePolicy === 'Ignore' ? 'warn' : 'neutral'}
              title={
                cluster.failurePolicy === 'Ignore'
                  ? 'When the injector is down, pods start without a proxy and nothing fails'
                  : undefined
              }
            >
              {cluster.failurePolicy}
            </Badge>
          )}
        </Fact>
        <Fact label="Injector pods" testId="injector-pods">
          {pods.total === 0 ? (
            <Badge tone={cluster.webhookPresent ? 'bad' : 'neutral'}>none</Badge>
          ) : (
            <Badge tone={pods.ready === pods.total ? 'good' : pods.ready === 0 ? 'bad' : 'warn'}>
              {pods.ready}/{pods.total} ready
            </Badge>
          )}
        </Fact>
      </dl>
    </div>
  );
}
