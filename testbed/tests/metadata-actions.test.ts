// Workload opt-in/out on pod templates and lint fixes against the real testbed: the exact merge patch
// (checked on the object's fields and managedFields), dry runs, Events, audit lines, the kubectl command
// and manifest fragment, GitOps detection, and the refusals (wrong kind, invalid value, read-only,
// conflict, a lint that is not there).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MetadataChangeResponse } from '@/lib/api/dto';
import { Api, errorOf } from './helpers/api';
import {
  applyAll,
  deploymentYaml,
  namespaceYaml,
  pauseDeployment,
  statefulSetYaml,
} from './helpers/fixtures';
import { startServer, type MeshwatchServer } from './helpers/server';
import {
  ADMIN_KUBECONFIG,
  deleteNamespaces,
  kubectl,
  kubectlJson,
  requireTestbed,
  testName,
  until,
} from './helpers/testbed';

const ns = testName('meta');
const lintNs = testName('lint');
let server: MeshwatchServer;
let readOnly: MeshwatchServer;
let api: Api;

type StringMap = Record<string, string>;
interface ManagedField {
  manager: string;
  operation: string;
  fieldsV1?: Record<string, unknown>;
}
interface Meta {
  labels?: StringMap;
  annotations?: StringMap;
  managedFields?: ManagedField[];
  resourceVersion: string;
  generation?: number;
}
interface Templated {
  metadata: Meta;
  spec: {
    template?: { metadata?: { labels?: StringMap; annotations?: StringMap } };
    jobTemplate?: { spec: { template: { metadata?: { labels?: StringMap; annotations?: StringMap } } } };
  };
}
interface EventList {
  items: { reason: string; message: string; involvedObject: { kind: string; name: string } }[];
}

const get = (kind: string, name: string, namespace = ns) =>
  kubectlJson<Templated>(['get', kind, name, '-n', namespace, '--show-managed-fields']);
const getNs = (name: string) =>
  kubectlJson<{ metadata: Meta }>(['get', 'namespace', name, '--show-managed-fields']);
const meshwatchFields = (meta: Meta) =>
  meta.managedFields?.filter((f) => f.manager === 'meshwatch').map((f) => JSON.stringify(f.fieldsV1)) ?? [];
const events = (namespace: string, reason: string) =>
  kubectlJson<EventList>(['get', 'events', '-n', namespace, '--field-selector', `reason=${reason}`]);

function cronJobYaml(namespace: string, name: string): string {
  return `apiVersion: batch/v1
kind: CronJob
metadata: { name: ${name}, namespace: ${namespace} }
spec:
  schedule: "0 3 * * *"
  suspend: true
  jobTemplate:
    spec:
      template:
        metadata: { labels: { app: ${name} } }
        spec: { restartPolicy: Never, containers: [{ name: job, image: "example.test/${name}:1.0" }] }
`;
}

beforeAll(async () => {
  requireTestbed();
  await applyAll(
    namespaceYaml(ns, {}, { 'argocd.argoproj.io/instance': 'shop' }),
    deploymentYaml(ns, 'web'),
    deploymentYaml(ns, 'frozen'),
    statefulSetYaml(ns, 'db'),
    cronJobYaml(ns, 'nightly'),
    namespaceYaml(
      lintNs,
      { 'linkerd.io/inject': 'Enabled' },
      { 'linkerd.io/inject': 'enabled', 'linkerd.io/auto-inject': 'enabled' },
    ),
  );
  await pauseDeployment(ns, 'frozen');
  await kubectl(['annotate', 'deployment', 'web', '-n', ns, 'linkerd.io/inject=enabled']);
  server = await startServer({ name: 'metadata-actions', env: { KUBECONFIG: ADMIN_KUBECONFIG } });
  readOnly = await startServer({
    name: 'metadata-read-only',
    env: { KUBECONFIG: ADMIN_KUBECONFIG, MESHWATCH_READ_ONLY: 'true' },
  });
  api = new Api(server);
  await api.waitForNamespace(ns);
  await api.waitForNamespace(lintNs);
});

afterAll(async () => {
  await server?.stop();
  await readOnly?.stop();
  await deleteNamespaces([ns, lintNs]);
});

const injection = (kind: string, name: string) => `/api/v1/workloads/${ns}/${kind}/${name}/injection`;

describe('POST /api/v1/workloads/{ns}/{kind}/{name}/injection', () => {
  it('dry run answers the patch, the kubectl command, the fragment and the consequence, and stores nothing', async () => {
    const before = await get('deployment', 'web');
    const res = await api.post<MetadataChangeResponse>(injection('Deployment', 'web'), {
      value: 'disabled',
      dryRun: true,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      dryRun: true,
      changed: true,
      edits: [
        { path: 'spec.template.metadata.annotations', key: 'linkerd.io/inject', from: null, to: 'disabled' },
      ],
      patch: { spec: { template: { metadata: { annotations: { 'linkerd.io/inject': 'disabled' } } } } },
      consequence: { effect: 'rolls-now' },
    });
    expect(res.body.commands).toEqual([
      `kubectl patch deployment web -n ${ns} --type=merge -p '{"spec":{"template":{"metadata":{"annotations":{"linkerd.io/inject":"disabled"}}}}}'`,
    ]);
    expect(res.body.manifest).toContain('        linkerd.io/inject: disabled\n');
    const after = await get('deployment', 'web');
    expect(after.metadata.resourceVersion).toBe(before.metadata.resourceVersion);
    expect(after.spec.template?.metadata?.annotations?.['linkerd.io/inject']).toBeUndefined();
  });

  it('sets only the template annotation with a merge patch, leaves the own-metadata annotation, and audits', async () => {
    const before = await get('deployment', 'web');
    const res = await api.post<MetadataChangeResponse>(injection('Deployment', 'web'), { value: 'disabled' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const after = await get('deployment', 'web');
    expect(after.spec.template?.metadata).toEqual({
      ...before.spec.template?.metadata,
      annotations: { ...before.spec.template?.metadata?.annotations, 'linkerd.io/inject': 'disabled' },
    });
    expect(after.metadata.annotations?.['linkerd.io/inject']).toBe('enabled');
    expect(after.metadata.labels).toEqual(before.metadata.labels);
    expect(after.metadata.generation).toBe((before.metadata.generation ?? 0) + 1);
    // meshwatch's managed fields are exactly the one annotation on the template (and the map it created).
    expect(meshwatchFields(after.metadata)).toEqual([
      JSON.stringify({
        'f:spec': {
          'f:template': { 'f:metadata': { 'f:annotations': { '.': {}, 'f:linkerd.io/inject': {} } } },
        },
      }),
    ]);
    const event = await until('the MeshwatchInjectionChanged event', async () =>
      (await events(ns, 'MeshwatchInjectionChanged')).items.find((e) => e.involvedObject.name === 'web'),
    );
    expect(event.involvedObject.kind).toBe('Deployment');
    expect(event.message).toContain('template annotation linkerd.io/inject: (none) → "disabled"');
    const line = server
      .jsonLines()
      .find((l) => l.msg === 'meshwatch action' && l.target === `${ns}/Deployment/web` && l.dryRun === false);
    expect(line).toMatchObject({ action: 'set-injection', result: 'ok' });
  });

  it('removes the template annotation (null), and says a re-removal changes nothing', async () => {
    const res = await api.post<MetadataChangeResponse>(injection('Deployment', 'web'), { value: null });
    expect(res.status).toBe(200);
    expect(res.body.edits[0]).toMatchObject({ from: 'disabled', to: null });
    expect(
      (await get('deployment', 'web')).spec.template?.metadata?.annotations?.['linkerd.io/inject'],
    ).toBeUndefined();
    const again = await api.post<MetadataChangeResponse>(injection('Deployment', 'web'), {
      value: null,
      dryRun: true,
    });
    expect(again.body).toMatchObject({ changed: false, consequence: { effect: 'nothing' } });
  });

  it('edits a CronJob through spec.jobTemplate.spec.template: only future Jobs', async () => {
    const res = await api.post<MetadataChangeResponse>(injection('CronJob', 'nightly'), { value: 'enabled' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.consequence?.effect).toBe('future-jobs');
    const after = await get('cronjob', 'nightly');
    expect(after.spec.jobTemplate?.spec.template.metadata?.annotations).toEqual({
      'linkerd.io/inject': 'enabled',
    });
    expect(meshwatchFields(after.metadata)).toEqual([
      JSON.stringify({
        'f:spec': {
          'f:jobTemplate': {
            'f:spec': {
              'f:template': { 'f:metadata': { 'f:annotations': { '.': {}, 'f:linkerd.io/inject': {} } } },
            },
          },
        },
      }),
    ]);
  });

  it('says a paused Deployment does not roll', async () => {
    const res = await api.post<MetadataChangeResponse>(injection('Deployment', 'frozen'), {
      value: 'enabled',
      dryRun: true,
    });
    expect(res.body.consequence).toMatchObject({ effect: 'no-rollout' });
    expect(res.body.consequence?.sentence).toContain('paused');
  });

  it('names no GitOps owner when the workload carries no tool’s labels', async () => {
    const res = await api.post<MetadataChangeResponse>(injection('StatefulSet', 'db'), {
      value: 'enabled',
      dryRun: true,
    });
    expect(res.status).toBe(200);
    expect(res.body.gitOps).toBeUndefined();
  });

  it('refuses a wrong kind, an invalid value and unknown fields with 400, changing nothing', async () => {
    const before = await get('deployment', 'web');
    const wrongKind = await api.post(`/api/v1/workloads/${ns}/ReplicaSet/web/injection`, {
      value: 'enabled',
    });
    expect([wrongKind.status, errorOf(wrongKind).code]).toEqual([400, 'invalid_kind']);
    const invalid = await api.post(injection('Deployment', 'web'), { value: 'Enabled' });
    expect([invalid.status, errorOf(invalid).code]).toEqual([400, 'invalid_value']);
    const unknown = await api.post(injection('Deployment', 'web'), { value: 'enabled', replicas: 3 });
    expect([unknown.status, errorOf(unknown).code]).toEqual([400, 'bad_request']);
    const missing = await api.post(injection('Deployment', 'gone'), { value: 'enabled' });
    expect([missing.status, errorOf(missing).code]).toEqual([404, 'not_found']);
    expect((await get('deployment', 'web')).metadata.resourceVersion).toBe(before.metadata.resourceVersion);
  });

  it('refuses a stale resourceVersion with 409 and changes nothing', async () => {
    const preview = await api.post<MetadataChangeResponse>(injection('StatefulSet', 'db'), {
      value: 'enabled',
      dryRun: true,
    });
    await kubectl(['label', 'statefulset', 'db', '-n', ns, 'touched=yes']);
    const before = await get('statefulset', 'db');
    const res = await api.post(injection('StatefulSet', 'db'), {
      value: 'enabled',
      resourceVersion: preview.body.resourceVersion,
    });
    expect([res.status, errorOf(res).code]).toEqual([409, 'conflict']);
    const after = await get('statefulset', 'db');
    expect(after.metadata.resourceVersion).toBe(before.metadata.resourceVersion);
    expect(after.spec.template?.metadata?.annotations?.['linkerd.io/inject']).toBeUndefined();
    // With the current version it goes through.
    const ok = await api.post(injection('StatefulSet', 'db'), {
      value: 'enabled',
      resourceVersion: after.metadata.resourceVersion,
    });
    expect(ok.status).toBe(200);
  });

  it('refuses in read-only mode with 403 read_only', async () => {
    const before = await get('deployment', 'web');
    const res = await new Api(readOnly).post(
      injection('Deployment', 'web'),
      { value: 'enabled' },
      { csrf: 'x' },
    );
    expect([res.status, errorOf(res).code]).toEqual([403, 'read_only']);
    expect((await get('deployment', 'web')).metadata.resourceVersion).toBe(before.metadata.resourceVersion);
  });
});

describe('POST …/lint-fix', () => {
  const nsFix = `/api/v1/namespaces/${lintNs}/lint-fix`;

  it('answers 409 with the reason when the lint is not there, changing nothing', async () => {
    const before = await getNs(ns);
    const res = await api.post<MetadataChangeResponse>(`/api/v1/namespaces/${ns}/lint-fix`, {
      code: 'legacy_auto_inject_label',
    });
    // The Argo-labelled namespace has no such label: the fix does not apply, and says so.
    expect([res.status, errorOf(res).code]).toEqual([409, 'conflict']);
    expect(errorOf(res).message).toContain('No linkerd.io/auto-inject label is left.');
    expect((await getNs(ns)).metadata.resourceVersion).toBe(before.metadata.resourceVersion);
  });

  it('asks for a value to replace an invalid one (400), then sets the chosen value only', async () => {
    const refused = await api.post(nsFix, { code: 'invalid_inject_value' });
    expect([refused.status, errorOf(refused).code]).toEqual([400, 'invalid_value']);
    const before = await getNs(lintNs);
    const res = await api.post<MetadataChangeResponse>(nsFix, {
      code: 'invalid_inject_value',
      value: 'enabled',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.commands).toEqual([
      `kubectl annotate namespace ${lintNs} linkerd.io/inject=enabled --overwrite`,
    ]);
    const after = await getNs(lintNs);
    expect(after.metadata.annotations).toEqual({
      ...before.metadata.annotations,
      'linkerd.io/inject': 'enabled',
    });
    expect(after.metadata.labels).toEqual(before.metadata.labels);
  });

  it('moves the label to the annotation: removes the label, keeps the annotation already set', async () => {
    const before = await getNs(lintNs);
    const res = await api.post<MetadataChangeResponse>(nsFix, { code: 'inject_set_as_label' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.patch).toEqual({ metadata: { labels: { 'linkerd.io/inject': null } } });
    const after = await getNs(lintNs);
    const { ['linkerd.io/inject']: removed, ...rest } = before.metadata.labels ?? {};
    expect(removed).toBe('enabled');
    expect(after.metadata.labels).toEqual(rest);
    expect(after.metadata.annotations).toEqual(before.metadata.annotations);
    const event = await until(
      'the MeshwatchLintFixed event',
      async () => (await events(lintNs, 'MeshwatchLintFixed')).items[0],
    );
    expect(event.involvedObject).toMatchObject({ kind: 'Namespace', name: lintNs });
  });

  it('removes the legacy label, touching nothing else', async () => {
    const before = await getNs(lintNs);
    const res = await api.post<MetadataChangeResponse>(nsFix, { code: 'legacy_auto_inject_label' });
    expect(res.status).toBe(200);
    const after = await getNs(lintNs);
    const { ['linkerd.io/auto-inject']: removed, ...rest } = before.metadata.labels ?? {};
    expect(removed).toBe('enabled');
    expect(after.metadata.labels).toEqual(rest);
    expect(after.metadata.annotations).toEqual(before.metadata.annotations);
  });

  it('moves a Deployment’s own annotation to its pod template', async () => {
    await kubectl(['annotate', 'deployment', 'frozen', '-n', ns, 'linkerd.io/inject=enabled']);
    const before = await get('deployment', 'frozen');
    const res = await api.post<MetadataChangeResponse>(`/api/v1/workloads/${ns}/Deployment/frozen/lint-fix`, {
      code: 'annotation_on_workload_metadata',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const after = await get('deployment', 'frozen');
    expect(after.metadata.annotations?.['linkerd.io/inject']).toBeUndefined();
    expect(after.spec.template?.metadata?.annotations?.['linkerd.io/inject']).toBe('enabled');
    const { ['linkerd.io/inject']: moved, ...otherAnnotations } = before.metadata.annotations ?? {};
    expect(moved).toBe('enabled');
    expect(
      Object.fromEntries(
        Object.entries(after.metadata.annotations ?? {}).filter(
          ([k]) => k !== 'deployment.kubernetes.io/revision',
        ),
      ),
    ).toEqual(
      Object.fromEntries(
        Object.entries(otherAnnotations).filter(([k]) => k !== 'deployment.kubernetes.io/revision'),
      ),
    );
    expect(res.body.commands).toEqual([
      `kubectl annotate deployment frozen -n ${ns} linkerd.io/inject-`,
      `kubectl patch deployment frozen -n ${ns} --type=merge -p '{"spec":{"template":{"metadata":{"annotations":{"linkerd.io/inject":"enabled"}}}}}'`,
    ]);
  });

  it('refuses restart_required (not a metadata fix) and read-only mode', async () => {
    const res = await api.post(nsFix, { code: 'restart_required' });
    expect([res.status, errorOf(res).code]).toEqual([400, 'invalid_value']);
    const ro = await new Api(readOnly).post(nsFix, { code: 'legacy_auto_inject_label' }, { csrf: 'x' });
    expect([ro.status, errorOf(ro).code]).toEqual([403, 'read_only']);
  });
});

describe('GitOps', () => {
  it('names the Argo CD app of an Argo-labelled namespace in the answer', async () => {
    await applyAll(
      namespaceYaml(ns, {}, { 'argocd.argoproj.io/instance': 'shop', 'linkerd.io/inject': 'enabled' }),
    );
    const res = await api.post<MetadataChangeResponse>(`/api/v1/namespaces/${ns}/lint-fix`, {
      code: 'inject_set_as_label',
      dryRun: true,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.gitOps).toMatchObject({ tool: 'argocd', name: 'shop' });
    expect(res.body.gitOps?.sentence).toBe(
      'managed by Argo CD app `shop`: this change will be reverted at the next sync unless you make it in Git',
    );
    expect(res.body.manifest).toContain('  annotations:\n    linkerd.io/inject: enabled\n');
  });
});
