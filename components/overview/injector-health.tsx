import type { ClusterSummary } from '@/lib/api/dto';
import { injectorFindings } from '@/lib/mesh/injector-health';
import { Callout } from '@/components/ui/callout';

const code = 'rounded bg-black/5 px-1 py-0.5 font-mono text-[12px] dark:bg-white/10';

/** One notice per finding of the engine's `injectorFindings`, with what to do about it. */
export function InjectorHealth({ cluster }: { cluster: ClusterSummary }) {
  const notices = injectorFindings(cluster).map((finding) => {
    switch (finding.code) {
      case 'no_webhook':
        return (
          <Callout
            key="absent"
            tone="bad"
            testId="no-injector"
            title="Linkerd is not installed: there is no proxy-injector webhook in this cluster"
          >
            <p>
              Without Linkerd&apos;s <code className={code}>linkerd-proxy-injector</code>{' '}
              MutatingWebhookConfiguration the API server never asks for a proxy, so{' '}
              <strong>no pod can be meshed</strong>. Namespaces and workloads that ask for injection show as{' '}
              <code className={code}>not-injectable</code>; restarting them changes nothing.
            </p>
            <p>
              To fix: install the control plane (
              <code className={code}>linkerd install --crds | kubectl apply -f -</code>, then{' '}
              <code className={code}>linkerd install | kubectl apply -f -</code>, or the Helm charts), wait
              for <code className={code}>linkerd check</code>, then restart the workloads meshwatch lists as
              missing-proxy.
            </p>
          </Callout>
        );
      case 'no_ready_injector':
        return (
          <Callout key="down" tone="bad" testId="injector-down" title="The proxy injector has no ready pods">
            <p>
              {finding.failurePolicy === 'Ignore'
                ? 'With failurePolicy Ignore, pods created now start without a proxy and nothing reports it.'
                : 'With failurePolicy Fail, creating pods in injected namespaces fails until the injector is back.'}{' '}
              Check the <code className={code}>linkerd-proxy-injector</code> deployment in{' '}
              <code className={code}>{cluster.controlPlaneNamespace ?? 'linkerd'}</code>.
            </p>
          </Callout>
        );
      case 'failure_policy_ignore':
        return (
          <Callout
            key="ignore"
            tone="warn"
            testId="failure-policy-ignore"
            title="failurePolicy is Ignore: injection can be skipped silently"
          >
            <p>
              If the injector is slow or down when a pod is created, the API server admits the pod without a
              proxy and no error appears. meshwatch flags such pods as missing-proxy; a restart fixes them
              once the injector is healthy.
            </p>
          </Callout>
        );
      case 'linkerd_config_unreadable':
        return (
          <Callout
            key="config"
            tone="warn"
            testId="linkerd-config-error"
            title="linkerd-config could not be read: proxy versions and settings shown are Linkerd's defaults"
          >
            <p>{finding.error}</p>
            <p>
              Check it with{' '}
              <code className={code}>
                kubectl get configmap linkerd-config -n {cluster.controlPlaneNamespace ?? 'linkerd'} -o
                jsonpath=&apos;&#123;.data.values&#125;&apos;
              </code>
              ; a <code className={code}>linkerd upgrade</code> rewrites it.
            </p>
          </Callout>
        );
    }
  });
  return notices.length > 0 ? <div className="space-y-2">{notices}</div> : null;
}
