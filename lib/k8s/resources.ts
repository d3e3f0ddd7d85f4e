import 'server-only';
// The resources the cache watches, each with its list call, watch path and record converter.
// Never Secrets: linkerd-config is fetched by name with a field selector, nothing else from ConfigMaps.
import type {
  KubeConfig,
  V1ConfigMap,
  V1MutatingWebhookConfiguration,
  V1Namespace,
  V1Pod,
} from '@kubernetes/client-node';
import type { InjectorWebhookRecord, NamespaceRecord, PodRecord, WorkloadRecord } from '@/lib/mesh/types';
import { callOptions, type Clients } from './config';
import { LINKERD_CONFIG_NAME, toLinkerdConfig, type LinkerdConfigRecord } from './control-plane';
import { ResourceInformer, type InformerListener, type KubeObject } from './informer';
import { toNamespaceRecord, toPodRecord } from './ingest';
import { toInjectorWebhook } from './webhook';
import {
  fromCronJob,
  fromDaemonSet,
  fromDeployment,
  fromJob,
  fromReplicaSet,
  fromStatefulSet,
} from './ingest-workloads';

const LIST_TIMEOUT_MS = 30_000;

export interface Informers {
  namespaces: ResourceInformer<V1Namespace, NamespaceRecord>;
  pods: ResourceInformer<V1Pod, PodRecord>;
  workloads: ResourceInformer<KubeObject, WorkloadRecord>[];
  webhooks: ResourceInformer<V1MutatingWebhookConfiguration, InjectorWebhookRecord>;
  linkerdConfigs: ResourceInformer<V1ConfigMap, LinkerdConfigRecord>;
}

export function allInformers(informers: Informers): ResourceInformer<KubeObject, unknown>[] {
  return [
    informers.namespaces,
    informers.pods,
    ...informers.workloads,
    informers.webhooks,
    informers.linkerdConfigs,
  ] as ResourceInformer<KubeObject, unknown>[];
}

export function makeInformers(clients: Clients, config: KubeConfig, listener: InformerListener): Informers {
  const opts = callOptions({ timeoutMs: LIST_TIMEOUT_MS });
  const { core, apps, batch, admission } = clients;

  function workload<T extends KubeObject>(
    name: string,
    path: string,
    list: (page: { limit: number; _continue?: string }) => Promise<{ items: T[] }>,
    toRecord: (obj: T) => WorkloadRecord,
  ): ResourceInformer<KubeObject, WorkloadRecord> {
    const informer = new ResourceInformer<T, WorkloadRecord>(
      { name, path, scope: 'namespaced', list, toRecord },
      config,
      listener,
    );
    return informer as unknown as ResourceInformer<KubeObject, WorkloadRecord>;
  }

  return {
    namespaces: new ResourceInformer(
      {
        name: 'namespaces',
        path: '/api/v1/namespaces',
        scope: 'namespace-object',
        list: (p) => core.listNamespace(p, opts),
        toRecord: toNamespaceRecord,
      },
      config,
      listener,
    ),
    pods: new ResourceInformer(
      {
        name: 'pods',
        path: '/api/v1/pods',
        scope: 'namespaced',
        list: (p) => core.listPodForAllNamespaces(p, opts),
        toRecord: toPodRecord,
      },
      config,
      listener,
    ),
    workloads: [
      workload(
        'deployments',
        '/apis/apps/v1/deployments',
        (p) => apps.listDeploymentForAllNamespaces(p, opts),
        fromDeployment,
      ),
      workload(
        'statefulsets',
        '/apis/apps/v1/statefulsets',
        (p) => apps.listStatefulSetForAllNamespaces(p, opts),
        fromStatefulSet,
      ),
      workload(
        'daemonsets',
        '/apis/apps/v1/daemonsets',
        (p) => apps.listDaemonSetForAllNamespaces(p, opts),
        fromDaemonSet,
      ),
      workload(
        'replicasets',
        '/apis/apps/v1/replicasets',
        (p) => apps.listReplicaSetForAllNamespaces(p, opts),
        fromReplicaSet,
      ),
      workload('jobs', '/apis/batch/v1/jobs', (p) => batch.listJobForAllNamespaces(p, opts), fromJob),
      workload(
        'cronjobs',
        '/apis/batch/v1/cronjobs',
        (p) => batch.listCronJobForAllNamespaces(p, opts),
        fromCronJob,
      ),
    ],
    webhooks: new ResourceInformer(
      {
        name: 'mutatingwebhookconfigurations',
        path: '/apis/admissionregistration.k8s.io/v1/mutatingwebhookconfigurations',
        scope: 'cluster',
        list: (p) => admission.listMutatingWebhookConfiguration(p, opts),
        toRecord: toInjectorWebhook,
      },
      config,
      listener,
    ),
    linkerdConfigs: new ResourceInformer(
      {
        name: 'linkerd-config',
        path: '/api/v1/configmaps',
        fieldSelector: `metadata.name=${LINKERD_CONFIG_NAME}`,
        scope: 'cluster',
        list: (p) => core.listConfigMapForAllNamespaces(p, opts),
        toRecord: toLinkerdConfig,
      },
      config,
      listener,
    ),
  };
}
