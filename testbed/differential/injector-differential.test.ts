// Differential check: the engine (lib/mesh) against a REAL Linkerd proxy-injector called by the
// testbed's API server. Prerequisite (not provided here): Linkerd's CRDs and control plane applied to
// the testbed, and its MutatingWebhookConfiguration pointing at a running proxy-injector. The test
// creates the matrix of cases.ts for real, reads every pod back, rebuilds the engine's records from
// the live objects with the product's own reshapers, and compares case by case.
//   MESHWATCH_TESTBED_DIR=/tmp/tb-diff bash scripts/with-node.sh npx vitest run --config testbed/differential/vitest.config.ts
// Env: DIFF_MATRIX=main|automount (automount: run with identity.serviceAccountTokenProjection=false)
//      DIFF_KINDS=Pod,Deployment  DIFF_KEEP=1 (keep namespaces)  DIFF_REPORT=<path of the JSON report>
import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeCluster, decideInjection, explainPod, podTokenMount, REASONS } from '@/lib/mesh';
import type { ClusterSnapshot, PodVerdict, ReasonCode } from '@/lib/mesh';
import { podSpecOf, toNamespaceRecord, toPodRecord } from '@/lib/k8s/ingest';
import { fromDeployment, fromReplicaSet } from '@/lib/k8s/ingest-workloads';
import { pickInjectorWebhook, toInjectorWebhook } from '@/lib/k8s/webhook';
import { toControlPlane, toLinkerdConfig } from '@/lib/k8s/control-plane';
import { deleteNamespaces, kubectl, kubectlJson, until } from '../tests/helpers/testbed';
import {
  buildAutomountCases,
  buildCases,
  caseManifest,
  namespaceManifests,
  submittedTemplate,
  type CaseKind,
  type DiffCase,
} from './cases';
import { matrixPods, waitForDeploymentPods } from './live';

/* eslint-disable @typescript-eslint/no-explicit-any -- raw API JSON */
type Obj = any;

const LINKERD_NS = process.env.DIFF_LINKERD_NAMESPACE ?? 'linkerd';
const RUN = Math.random().toString(36).slice(2, 6);
const KINDS = (process.env.DIFF_KINDS ?? 'Pod,Deployment').split(',') as CaseKind[];
const REPORT = process.env.DIFF_REPORT ?? '/tmp/meshwatch-differential-report.json';
const WEBHOOK_GATES: ReasonCode[] = [
  'injector_not_installed',
  'namespace_excluded_by_webhook',
  'object_excluded_by_webhook',
];

const MATRIX = process.env.DIFF_MATRIX ?? 'main';
const cases = MATRIX === 'automount' ? buildAutomountCases(RUN, KINDS) : buildCases(RUN, KINDS);
const namespaces = [...new Set(cases.map((c) => c.namespace))];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Observed {
  created: boolean;
  createError?: string;
  pod?: Obj;
  injected?: boolean;
  native?: boolean;
  proxyVersionAnnotation?: string;
  createdBy?: string;
  proxyReadyRaw?: boolean;
  events: { reason: string; message: string }[];
}

interface Row {
  case: DiffCase;
  observed: Omit<Observed, 'pod'> & { pod?: string };
  engine: {
    decisionInject: boolean;
    decisionReasons: ReasonCode[];
    verdict?: Pick<
      PodVerdict,
      'meshed' | 'expected' | 'status' | 'nativeSidecar' | 'proxyVersion' | 'proxyReady'
    > & { reasons: ReasonCode[] };
  };
  disagreements: string[];
}

const codeByMessage = new Map(Object.entries(REASONS).map(([code, r]) => [r.message, code as ReasonCode]));

function proxyOf(pod: Obj): { native: boolean; inInit: boolean } | undefined {
  if ((pod.spec?.containers ?? []).some((c: Obj) => c.name === 'linkerd-proxy'))
    return { native: false, inInit: false };
  const init = (pod.spec?.initContainers ?? []).find((c: Obj) => c.name === 'linkerd-proxy');
  return init ? { native: init.restartPolicy === 'Always', inInit: true } : undefined;
}

function rawProxyReady(pod: Obj): boolean | undefined {
  const all = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
  const s = all.find((x: Obj) => x.name === 'linkerd-proxy');
  return s ? s.ready === true : undefined;
}

async function createAll(objects: object[]): Promise<string> {
  const res = await kubectl(['create', '-f', '-'], {
    input: JSON.stringify({ apiVersion: 'v1', kind: 'List', items: objects }),
    allowFailure: true,
  });
  return res.stderr;
}

const rows: Row[] = [];

/**
 * The injector writes its Events through client-go's rate-limited client (5 QPS by default), so the
 * last namespaces' Events come long after their pods (#26: 16–82 cases read too early, every one "events
 * []"). Wait until no new Injected/InjectionSkipped Event of this run has arrived for five polls (15 s)
 * in a row (bounded); the comparison that follows stays strict.
 */
async function settleInjectorEvents(): Promise<void> {
  const deadline = Date.now() + 300_000;
  let last = -1;
  let quiet = 0;
  while (quiet < 5 && Date.now() < deadline) {
    const { items } = await kubectlJson<{ items: Obj[] }>(['get', 'events', '-A']);
    const count = items.filter(
      (e) =>
        namespaces.includes(e.involvedObject?.namespace) &&
        (e.reason === 'Injected' || e.reason === 'InjectionSkipped'),
    ).length;
    quiet = count === last ? quiet + 1 : 0;
    last = count;
    await sleep(3000);
  }
  console.log(`injector events settled: ${last} for this run`);
}

afterAll(async () => {
  if (rows.length) writeFileSync(REPORT, JSON.stringify(rows, null, 1));
  if (!process.env.DIFF_KEEP) await deleteNamespaces(namespaces);
});

describe('engine vs the real Linkerd proxy-injector', () => {
  it(`agrees on ${cases.length} cases`, async () => {
    // The live webhook must point at a running injector, else the comparison is meaningless.
    const mwcs = await kubectlJson<{ items: Obj[] }>(['get', 'mutatingwebhookconfigurations']);
    const webhook = pickInjectorWebhook(mwcs.items.map(toInjectorWebhook).filter((w) => w !== null));
    expect(webhook, 'a Linkerd proxy-injector webhook configuration').not.toBeNull();

    // Namespaces first, then give the injector's namespace informer time to see them.
    const nsErr = await createAll(namespaceManifests(cases));
    expect(nsErr.trim(), 'namespace creation').toBe('');
    await until('the namespaces to be listable', async () => {
      const listed = (
        await kubectlJson<{ items: Obj[] }>(['get', 'ns', '-l', 'meshwatch.io/differential=true'])
      ).items.map((n) => n.metadata.name);
      return namespaces.every((n) => listed.includes(n));
    });
    await sleep(5000);

    const createErrors = new Map<string, string>();
    for (const ns of namespaces) {
      const stderr = await createAll(cases.filter((c) => c.namespace === ns).map(caseManifest));
      for (const line of stderr.split('\n').filter(Boolean)) {
        const m = line.match(/(?:pods|deployments\.apps) "([^"]+)"/);
        if (m) createErrors.set(`${ns}/${m[1]}`, line);
        else console.warn(`create ${ns}: ${line}`);
      }
    }

    const deployments = cases.filter((c) => c.kind === 'Deployment' && !createErrors.has(c.id));
    const podsOf = () => matrixPods(namespaces);
    await waitForDeploymentPods(namespaces, deployments);
    // KWOK moves pods to Running; wait for that (readiness is compared, not required).
    await until(
      'pods to be Running',
      async () => (await podsOf()).every((p) => p.status?.phase === 'Running'),
      180_000,
      2000,
    ).catch((e) => console.warn(String(e)));
    await settleInjectorEvents();

    // Read everything back and build the engine's snapshot with the product's reshapers.
    const [nsList, podList, deployList, rsList, cmList, eventList] = await Promise.all([
      kubectlJson<{ items: Obj[] }>(['get', 'namespaces']),
      kubectlJson<{ items: Obj[] }>(['get', 'pods', '-A']),
      kubectlJson<{ items: Obj[] }>(['get', 'deployments', '-A']),
      kubectlJson<{ items: Obj[] }>(['get', 'replicasets', '-A']),
      kubectlJson<{ items: Obj[] }>([
        'get',
        'configmaps',
        '-A',
        '--field-selector',
        'metadata.name=linkerd-config',
      ]),
      kubectlJson<{ items: Obj[] }>(['get', 'events', '-A']),
    ]);
    const podRecords = podList.items.map(toPodRecord);
    const snapshot: ClusterSnapshot = {
      namespaces: nsList.items.map(toNamespaceRecord),
      workloads: [...deployList.items.map(fromDeployment), ...rsList.items.map(fromReplicaSet)],
      pods: podRecords,
      webhook,
      controlPlane: toControlPlane(cmList.items.map(toLinkerdConfig), podRecords, LINKERD_NS),
    };
    expect(snapshot.controlPlane, 'linkerd-config').not.toBeNull();
    const analysis = analyzeCluster(snapshot);
    const verdicts = new Map(analysis.pods.map((v) => [`${v.namespace}/${v.name}`, v]));
    const nsByName = new Map(snapshot.namespaces.map((n) => [n.name, n]));

    for (const c of cases) {
      const pod =
        c.kind === 'Pod'
          ? podList.items.find((p) => p.metadata.namespace === c.namespace && p.metadata.name === c.name)
          : podList.items.find(
              (p) => p.metadata.namespace === c.namespace && p.metadata.labels?.app === c.name,
            );
      const events = eventList.items
        .filter(
          (e) =>
            e.involvedObject.namespace === c.namespace &&
            (e.reason === 'Injected' || e.reason === 'InjectionSkipped'),
        )
        .filter((e) => e.involvedObject.kind === c.kind && e.involvedObject.name === c.name)
        .map((e) => ({ reason: e.reason as string, message: e.message as string }));
      const failedCreate = eventList.items.find(
        (e) =>
          e.reason === 'FailedCreate' &&
          e.involvedObject.namespace === c.namespace &&
          c.kind === 'Deployment' &&
          e.involvedObject.name.startsWith(`${c.name}-`),
      );
      const proxy = pod ? proxyOf(pod) : undefined;
      const observed: Observed = {
        created: pod !== undefined,
        createError: createErrors.get(c.id) ?? failedCreate?.message,
        pod,
        injected: pod ? proxy !== undefined : undefined,
        native: proxy?.native,
        proxyVersionAnnotation: pod?.metadata.annotations?.['linkerd.io/proxy-version'],
        createdBy: pod?.metadata.annotations?.['linkerd.io/created-by'],
        proxyReadyRaw: pod ? rawProxyReady(pod) : undefined,
        events,
      };

      // The submitted template cannot say whether its ServiceAccount automounts the token; the pod the
      // API server admitted from it can (its ServiceAccount plugin runs before the webhook).
      const decision = decideInjection({
        namespace: nsByName.get(c.namespace)!,
        template: podSpecOf(submittedTemplate(c) as Obj),
        webhook,
        controlPlane: snapshot.controlPlane,
        tokenMount: pod ? podTokenMount(toPodRecord(pod)) : undefined,
      });
      const decisionReasons = decision.reasons.map((r) => r.code);
      const verdict = pod ? verdicts.get(`${c.namespace}/${pod.metadata.name}`) : undefined;
      const d: string[] = [];

      if (!pod) d.push(`pod not created: ${observed.createError ?? 'unknown'}`);
      else {
        if (decision.inject !== observed.injected)
          d.push(
            `decision: engine inject=${decision.inject} [${decisionReasons}], injector injected=${observed.injected}`,
          );
        if (!verdict) d.push('no verdict for the pod');
        else {
          if (verdict.meshed !== observed.injected)
            d.push(`verdict.meshed=${verdict.meshed}, injector injected=${observed.injected}`);
          if (verdict.expected !== observed.injected)
            d.push(`verdict.expected=${verdict.expected}, injector injected=${observed.injected}`);
          const okStatuses = observed.injected ? ['meshed'] : ['unmeshed', 'not-injectable'];
          if (!okStatuses.includes(verdict.status))
            d.push(
              `verdict.status=${verdict.status} for a fresh ${observed.injected ? 'injected' : 'uninjected'} pod`,
            );
          if (!observed.injected && verdict.reasons.map((r) => r.code).join() !== decisionReasons.join())
            d.push(
              `verdict reasons [${verdict.reasons.map((r) => r.code)}] != decision reasons [${decisionReasons}]`,
            );
          if (observed.injected) {
            if (verdict.nativeSidecar !== observed.native)
              d.push(`verdict.nativeSidecar=${verdict.nativeSidecar}, pod native=${observed.native}`);
            if (verdict.proxyVersion !== observed.proxyVersionAnnotation)
              d.push(
                `verdict.proxyVersion=${verdict.proxyVersion}, annotation=${observed.proxyVersionAnnotation}`,
              );
            if (verdict.proxyReady !== observed.proxyReadyRaw)
              d.push(`verdict.proxyReady=${verdict.proxyReady}, status ready=${observed.proxyReadyRaw}`);
            if (snapshot.controlPlane?.injectProxyVersion !== observed.proxyVersionAnnotation)
              d.push(
                `controlPlane.injectProxyVersion=${snapshot.controlPlane?.injectProxyVersion}, injector wrote ${observed.proxyVersionAnnotation}`,
              );
          }
          // The explanation must agree with the verdict it explains.
          const explained = explainPod(snapshot, c.namespace, pod.metadata.name);
          if (!explained || explained.status !== verdict.status)
            d.push(`explainPod status ${explained?.status} != verdict ${verdict.status}`);
        }
        // Events on the owner (Deployments only; bare pods get none).
        if (c.kind === 'Deployment') {
          const called = !decisionReasons.some((r) => WEBHOOK_GATES.includes(r));
          const injectedEv = events.filter((e) => e.reason === 'Injected');
          const skipped = events.filter((e) => e.reason === 'InjectionSkipped');
          if (observed.injected && (injectedEv.length === 0 || skipped.length > 0))
            d.push(`events ${JSON.stringify(events)} for an injected pod`);
          if (!observed.injected && called) {
            const only = skipped.length === 1 && injectedEv.length === 0 ? skipped[0] : undefined;
            if (!only) d.push(`events ${JSON.stringify(events)}: expected one InjectionSkipped`);
            else {
              // The reasons follow the event's fixed lead-in, after its first ": ".
              const text = only.message.slice(only.message.indexOf(': ') + 2);
              // Codes: which catalogue messages occur in the event, in order (a message may itself contain ", ").
              const codes = [...codeByMessage]
                .map(([message, code]) => ({ at: text.indexOf(message), code }))
                .filter((m) => m.at >= 0)
                .sort((a, b) => a.at - b.at)
                .map((m) => m.code);
              if (codes.join() !== decisionReasons.join())
                d.push(`InjectionSkipped reasons [${codes}] != engine [${decisionReasons}]`);
              // Wording: the engine says it keeps the injector's words for the injector's own reasons.
              const engineText = decisionReasons.map((code) => REASONS[code].message).join(', ');
              if (engineText !== text)
                d.push(
                  `InjectionSkipped text ${JSON.stringify(text)} != engine text ${JSON.stringify(engineText)}`,
                );
            }
          }
          if (!called && events.length > 0)
            d.push(`engine says the webhook is not called, but events exist: ${JSON.stringify(events)}`);
        }
      }
      rows.push({
        case: c,
        observed: { ...observed, pod: pod?.metadata.name },
        engine: {
          decisionInject: decision.inject,
          decisionReasons,
          verdict: verdict && {
            meshed: verdict.meshed,
            expected: verdict.expected,
            status: verdict.status,
            nativeSidecar: verdict.nativeSidecar,
            proxyVersion: verdict.proxyVersion,
            proxyReady: verdict.proxyReady,
            reasons: verdict.reasons.map((r) => r.code),
          },
        },
        disagreements: d,
      });
    }

    const bad = rows.filter((r) => r.disagreements.length > 0);
    const injected = rows.filter((r) => r.observed.injected).length;
    console.log(
      `differential: ${rows.length} cases (${KINDS.join('+')}), injector injected ${injected}, ` +
        `agreement ${(((rows.length - bad.length) / rows.length) * 100).toFixed(1)}% (${bad.length} disagreeing); report ${REPORT}`,
    );
    for (const r of bad) console.log(`  ${r.case.id}: ${r.disagreements.join(' | ')}`);
    expect(bad.map((r) => `${r.case.id}: ${r.disagreements.join(' | ')}`)).toEqual([]);
  });
});
