import type { V1Namespace, V1Pod } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import {
  injectAnnotationSetAt,
  manifestInjectValue,
  podSpecOf,
  toNamespaceRecord,
  toPodRecord,
} from './ingest';
import { fromDeployment, fromStatefulSet } from './ingest-workloads';

const injectFields = { 'f:metadata': { 'f:annotations': { 'f:linkerd.io/inject': {} } } };

describe('injectAnnotationSetAt', () => {
  it('takes the newest managedFields entry that owns the annotation', () => {
    expect(
      injectAnnotationSetAt([
        {
          manager: 'kubectl',
          operation: 'Update',
          time: new Date('2026-01-01T00:00:00Z'),
          fieldsV1: injectFields,
        },
        {
          manager: 'meshwatch',
          operation: 'Update',
          time: '2026-03-01T00:00:00Z' as unknown as Date,
          fieldsV1: injectFields,
        },
        {
          manager: 'other',
          operation: 'Update',
          time: new Date('2026-05-01T00:00:00Z'),
          fieldsV1: { 'f:metadata': { 'f:labels': {} } },
        },
      ]),
    ).toBe('2026-03-01T00:00:00Z');
    expect(injectAnnotationSetAt(undefined)).toBeUndefined();
  });

  it('is set on the namespace record only while the annotation exists', () => {
    const ns: V1Namespace = {
      metadata: {
        name: 'shop',
        uid: 'u1',
        creationTimestamp: new Date('2025-12-01T00:00:00Z'),
        annotations: {
          'linkerd.io/inject': 'enabled',
          'kubectl.kubernetes.io/last-applied-configuration': '{"huge":1}',
        },
        managedFields: [
          { manager: 'kubectl', time: new Date('2026-01-01T00:00:00Z'), fieldsV1: injectFields },
        ],
      },
      status: { phase: 'Active' },
    };
    const record = toNamespaceRecord(ns);
    expect(record).toEqual({
      name: 'shop',
      uid: 'u1',
      labels: {},
      annotations: { 'linkerd.io/inject': 'enabled' },
      createdAt: '2025-12-01T00:00:00.000Z',
      injectAnnotationSetAt: '2026-01-01T00:00:00.000Z',
      deleting: false,
    });
    expect(
      toNamespaceRecord({ ...ns, metadata: { ...ns.metadata, annotations: {} } }).injectAnnotationSetAt,
    ).toBeUndefined();
    expect(toNamespaceRecord({ ...ns, status: { phase: 'Terminating' } }).deleting).toBe(true);
  });
});

describe('toPodRecord', () => {
  it('keeps what the engine reads, from watch JSON (string timestamps) too', () => {
    const pod = {
      metadata: {
        name: 'web-1',
        namespace: 'shop',
        uid: 'p1',
        creationTimestamp: '2026-01-02T03:04:05Z',
        labels: { app: 'web' },
        annotations: { 'linkerd.io/proxy-version': 'stable-2.20.0' },
        ownerReferences: [
          { apiVersion: 'v1', kind: 'Other', name: 'x', uid: 'o0' },
          { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-abc', uid: 'rs1', controller: true },
        ],
      },
      spec: {
        nodeName: 'kwok-1',
        containers: [{ name: 'web', image: 'nginx' }],
        initContainers: [
          { name: 'linkerd-proxy', image: 'cr.l5d.io/linkerd/proxy:stable-2.20.0', restartPolicy: 'Always' },
        ],
      },
      status: {
        phase: 'Running',
        containerStatuses: [{ name: 'web', ready: true, image: 'nginx', restartCount: 2, imageID: '' }],
        initContainerStatuses: [
          { name: 'linkerd-proxy', ready: false, image: 'p', restartCount: 0, imageID: '' },
        ],
      },
    } as unknown as V1Pod;
    const record = toPodRecord(pod);
    expect(record.createdAt).toBe('2026-01-02T03:04:05Z');
    expect(record.owner).toEqual({ kind: 'ReplicaSet', name: 'web-abc', uid: 'rs1' });
    expect(record.initContainers).toEqual([
      { name: 'linkerd-proxy', image: 'cr.l5d.io/linkerd/proxy:stable-2.20.0', restartPolicy: 'Always' },
    ]);
    expect(record.containerStatuses).toEqual([{ name: 'web', ready: true, image: 'nginx', restartCount: 2 }]);
    expect(record.initContainerStatuses[0]?.ready).toBe(false);
    expect(record.hostNetwork).toBe(false);
    expect(record.automountServiceAccountToken).toBeUndefined();
    expect(record.nodeName).toBe('kwok-1');
    expect(toPodRecord({ metadata: { name: 'x' }, status: { phase: 'Weird' } } as V1Pod).phase).toBe(
      'Unknown',
    );
  });
});

describe('workload records', () => {
  it('reads paused, strategy and replicas', () => {
    const d = fromDeployment({
      metadata: {
        name: 'web',
        namespace: 'shop',
        uid: 'd1',
        annotations: { 'linkerd.io/inject': 'enabled' },
      },
      spec: {
        paused: true,
        selector: {},
        template: { metadata: { annotations: { a: 'b' } }, spec: { containers: [] } },
      },
    });
    expect(d).toMatchObject({
      kind: 'Deployment',
      paused: true,
      updateStrategy: 'RollingUpdate',
      replicas: 1,
    });
    expect(d.annotations).toEqual({ 'linkerd.io/inject': 'enabled' });
    expect(d.template.annotations).toEqual({ a: 'b' });
    const s = fromStatefulSet({
      metadata: { name: 'db', namespace: 'shop', uid: 's1' },
      spec: {
        serviceName: 'db',
        selector: {},
        updateStrategy: { type: 'OnDelete' },
        replicas: 3,
        template: {},
      },
    });
    expect(s).toMatchObject({ kind: 'StatefulSet', updateStrategy: 'OnDelete', replicas: 3 });
    expect(s.paused).toBeUndefined();
  });
});

describe('service account and token mount', () => {
  const TOKEN = '/var/run/secrets/kubernetes.io/serviceaccount';
  const tokenMount = { name: 'kube-api-access-x1', mountPath: TOKEN, readOnly: true };
  const app = (mounts: { name: string; mountPath: string }[] = []) => ({
    name: 'app',
    image: 'app',
    volumeMounts: mounts,
  });
  const proxy = { name: 'linkerd-proxy', image: 'cr.l5d.io/linkerd/proxy:edge', volumeMounts: [tokenMount] };
  const livePod = (containers: object[], spec: object = {}) =>
    toPodRecord({
      metadata: { name: 'web-1', namespace: 'shop' },
      spec: { serviceAccountName: 'builder', containers, ...spec },
    } as V1Pod);

  it('reads an admitted pod: the first container other than linkerd-proxy', () => {
    expect(livePod([app([tokenMount])])).toMatchObject({
      serviceAccountName: 'builder',
      firstContainerTokenMount: true,
    });
    expect(livePod([app()]).firstContainerTokenMount).toBe(false);
    // A classic proxy inserted first carries a copy of the mount; the app's own container decides.
    expect(livePod([proxy, app()]).firstContainerTokenMount).toBe(false);
    expect(livePod([proxy, app([tokenMount])]).firstContainerTokenMount).toBe(true);
    // Only the first container counts, as in Linkerd's serviceAccountVolumeMount.
    expect(livePod([app(), { ...app([tokenMount]), name: 'sidecar' }]).firstContainerTokenMount).toBe(false);
    expect(livePod([app([{ name: 'other', mountPath: '/var/run/secrets' }])]).firstContainerTokenMount).toBe(
      false,
    );
  });

  it('reads the deprecated serviceAccount alias', () => {
    expect(
      livePod([app()], { serviceAccountName: undefined, serviceAccount: 'legacy' }).serviceAccountName,
    ).toBe('legacy');
  });

  it('knows a template only when it declares the mount itself', () => {
    const declared = podSpecOf({ spec: { serviceAccountName: 'builder', containers: [app([tokenMount])] } });
    expect(declared).toMatchObject({ serviceAccountName: 'builder', firstContainerTokenMount: true });
    const plain = podSpecOf({ spec: { containers: [app()] } });
    expect(plain).not.toHaveProperty('firstContainerTokenMount');
    expect(plain).not.toHaveProperty('serviceAccountName');
  });

  it('fills the template of a workload', () => {
    const d = fromDeployment({
      metadata: { name: 'web', namespace: 'shop', uid: 'd1' },
      spec: {
        selector: {},
        template: {
          spec: { serviceAccountName: 'builder', automountServiceAccountToken: false, containers: [app()] },
        },
      },
    });
    expect(d.template).toMatchObject({ serviceAccountName: 'builder', automountServiceAccountToken: false });
    expect(d.template.firstContainerTokenMount).toBeUndefined();
  });
});

describe('manifestInjectValue', () => {
  const applied = (annotations: Record<string, string>) => ({
    'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify({ metadata: { annotations } }),
  });

  it("reads linkerd.io/inject from kubectl's last-applied manifest, null when the manifest has none", () => {
    expect(manifestInjectValue(applied({ 'linkerd.io/inject': 'disabled' }))).toBe('disabled');
    expect(manifestInjectValue(applied({}))).toBeNull();
  });

  it('is unknown without a readable last-applied manifest', () => {
    expect(manifestInjectValue({})).toBeUndefined();
    expect(
      manifestInjectValue({ 'kubectl.kubernetes.io/last-applied-configuration': '{not json' }),
    ).toBeUndefined();
  });

  it('lands on the pod record while the bulky annotation itself is dropped', () => {
    const record = toPodRecord({
      metadata: {
        name: 'debug',
        namespace: 'shop',
        annotations: { 'linkerd.io/inject': 'enabled', ...applied({}) },
      },
      spec: { containers: [{ name: 'app', image: 'app:1' }] },
    });
    expect(record.manifestInjectValue).toBeNull();
    expect(record.annotations['kubectl.kubernetes.io/last-applied-configuration']).toBeUndefined();
  });
});
