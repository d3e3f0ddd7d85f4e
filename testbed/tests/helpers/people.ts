// The people of issue #25 on the testbed: ServiceAccounts alice, bob and carol with real TokenRequest
// tokens, and RBAC over three team namespaces. alice may change injection and restart in team-a and
// list pods in team-a and team-b (never team-c); bob may only view team-a; carol has no bindings. And
// the API server's audit log (testbed/lib.sh AUDIT_LOG), to check who a change was made as.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { applyAll, deploymentYaml, namespaceYaml, waitForRunningPods } from './fixtures';
import { adminCluster, deleteNamespaces, kubectl, TESTBED_DIR, until, type KubectlResult } from './testbed';

export type PersonName = 'alice' | 'bob' | 'carol';
const NAMES: PersonName[] = ['alice', 'bob', 'carol'];
const LABEL = { 'meshwatch.io/integration-test': 'true' };

export interface PeopleNames {
  /** Where the ServiceAccounts live: `<prefix>-people`. */
  namespace: string;
  teamA: string;
  teamB: string;
  teamC: string;
  /** The cluster-scoped ClusterRole and ClusterRoleBinding that let alice patch the team-a Namespace. */
  clusterRole: string;
}

export interface Person {
  name: PersonName;
  namespace: string;
  /** What the API server calls them: `system:serviceaccount:<namespace>:<name>`. */
  username: string;
  /** A TokenRequest token (1 h unless asked otherwise); deleting the ServiceAccount revokes it. */
  token: string;
}

export interface People extends PeopleNames {
  alice: Person;
  bob: Person;
  carol: Person;
}

/** The names only, nothing created: a prefix such as testName('auth') keeps runs apart. */
export function people(prefix: string): PeopleNames {
  return {
    namespace: `${prefix}-people`,
    teamA: `${prefix}-team-a`,
    teamB: `${prefix}-team-b`,
    teamC: `${prefix}-team-c`,
    clusterRole: `${prefix}-alice-team-a`,
  };
}

const WORKLOADS = `- { apiGroups: [apps], resources: [deployments, statefulsets, daemonsets], verbs: [get, patch] }
- { apiGroups: [batch], resources: [cronjobs], verbs: [get, patch] }`;

function roleYaml(ns: string, name: string, rules: string, subject: { namespace: string; name: string }) {
  return `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: { name: ${name}, namespace: ${ns} }
rules:
${rules}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: ${name}, namespace: ${ns} }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: Role, name: ${name} }
subjects: [{ kind: ServiceAccount, name: ${subject.name}, namespace: ${subject.namespace} }]
`;
}

/** Every object but the namespaces, as one YAML stream. */
export function peopleRbacYaml(n: PeopleNames): string {
  const sa = (name: PersonName) => ({ namespace: n.namespace, name });
  const accounts = NAMES.map(
    (name) =>
      `apiVersion: v1\nkind: ServiceAccount\nmetadata: { name: ${name}, namespace: ${n.namespace} }\n`,
  );
  // Namespaces are cluster-scoped: only a ClusterRole can grant patch on the Namespace team-a.
  const namespacePatch = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: ${n.clusterRole}, labels: ${JSON.stringify(LABEL)} }
rules: [{ apiGroups: [""], resources: [namespaces], resourceNames: [${n.teamA}], verbs: [get, patch] }]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: ${n.clusterRole}, labels: ${JSON.stringify(LABEL)} }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: ${n.clusterRole} }
subjects: [{ kind: ServiceAccount, name: alice, namespace: ${n.namespace} }]
`;
  const aliceEditor = roleYaml(
    n.teamA,
    'alice-editor',
    `${WORKLOADS}
- { apiGroups: [""], resources: [pods], verbs: [get, list] }
- { apiGroups: [""], resources: [events], verbs: [list, create] }`,
    sa('alice'),
  );
  const alicePods = roleYaml(
    n.teamB,
    'alice-pods',
    '- { apiGroups: [""], resources: [pods], verbs: [get, list] }',
    sa('alice'),
  );
  const bobViewer = roleYaml(
    n.teamA,
    'bob-viewer',
    `- { apiGroups: [""], resources: [pods], verbs: [get, list] }
- { apiGroups: [apps], resources: [deployments, statefulsets, daemonsets], verbs: [get] }
- { apiGroups: [batch], resources: [cronjobs], verbs: [get] }
- { apiGroups: [""], resources: [events], verbs: [list] }`,
    sa('bob'),
  );
  return [...accounts, namespacePatch, aliceEditor, alicePods, bobViewer].join('---\n');
}

/** A fresh token for a ServiceAccount (`kubectl create token`). */
export async function mintToken(namespace: string, name: string, duration = '1h'): Promise<string> {
  return (await kubectl(['create', 'token', name, '-n', namespace, `--duration=${duration}`])).stdout.trim();
}

/**
 * Creates the namespaces (each team namespace with a one-pod Deployment `web`, unless `workloads` is
 * false), the ServiceAccounts and their RBAC, and mints a token for each person.
 */
export async function createPeople(
  prefix: string,
  opts: { workloads?: boolean; duration?: string } = {},
): Promise<People> {
  const n = people(prefix);
  const teams = [n.teamA, n.teamB, n.teamC];
  const workloads = opts.workloads !== false;
  await applyAll(
    ...[n.namespace, ...teams].map((ns) => namespaceYaml(ns)),
    peopleRbacYaml(n),
    ...(workloads ? teams.map((ns) => deploymentYaml(ns, 'web')) : []),
  );
  if (workloads) await Promise.all(teams.map((ns) => waitForRunningPods(ns, 1)));
  const person = async (name: PersonName): Promise<Person> => ({
    name,
    namespace: n.namespace,
    username: `system:serviceaccount:${n.namespace}:${name}`,
    token: await mintToken(n.namespace, name, opts.duration),
  });
  const [alice, bob, carol] = await Promise.all(NAMES.map(person));
  return { ...n, alice: alice!, bob: bob!, carol: carol! };
}

/**
 * Revokes every token a person was given: their ServiceAccount goes. The API server caches a token's
 * authentication for 10 s (kube-apiserver's token success cache), so it keeps working up to 10 s
 * after this returns (measured on the testbed: refused after 10.0 s).
 */
export async function deleteServiceAccount(p: Person): Promise<void> {
  await kubectl(['delete', 'serviceaccount', p.name, '-n', p.namespace, '--ignore-not-found', '--wait=true']);
}

/** Removes everything createPeople made (namespaced objects go with their namespaces). */
export async function deletePeople(prefix: string): Promise<void> {
  const n = people(prefix);
  await kubectl(
    ['delete', 'clusterrolebinding,clusterrole', n.clusterRole, '--ignore-not-found', '--wait=true'],
    { allowFailure: true },
  );
  await deleteNamespaces([n.namespace, n.teamA, n.teamB, n.teamC]);
}

/** A kubeconfig (mode 0600, in a temp dir) that authenticates with the person's token only. */
export function kubeconfigFor(p: Person): string {
  const { server, caData } = adminCluster();
  const dir = mkdtempSync(path.join(tmpdir(), `meshwatch-${p.name}-`));
  const file = path.join(dir, 'kubeconfig');
  writeFileSync(
    file,
    `apiVersion: v1
kind: Config
clusters: [{ name: testbed, cluster: { server: "${server}", certificate-authority-data: "${caData}" } }]
users: [{ name: ${p.name}, user: { token: "${p.token}" } }]
contexts: [{ name: ${p.name}, context: { cluster: testbed, user: ${p.name} } }]
current-context: ${p.name}
`,
    { mode: 0o600 },
  );
  return file;
}

/** The testbed's kubectl as the person (their token, not the admin certificate). */
export async function kubectlAs(
  p: Person,
  args: string[],
  opts: { input?: string; allowFailure?: boolean } = {},
): Promise<KubectlResult> {
  const file = kubeconfigFor(p);
  try {
    return await kubectl(args, { ...opts, kubeconfig: file });
  } finally {
    rmSync(path.dirname(file), { recursive: true, force: true });
  }
}

// --- The API server's audit log ------------------------------------------------------------------

/** testbed/lib.sh's AUDIT_LOG: `$MESHWATCH_TESTBED_DIR/logs/audit.log` (default `.testbed`). */
export const AUDIT_LOG = path.join(TESTBED_DIR, 'logs', 'audit.log');

/** One line of the log (audit.k8s.io/v1 Event at Metadata level): the fields the tests read. */
export interface AuditEvent {
  auditID: string;
  stage: string;
  verb: string;
  requestURI: string;
  /** Empty for a request the API server could not authenticate (a revoked token: code 401). */
  user: { username?: string; groups?: string[] };
  impersonatedUser?: { username: string; groups?: string[] };
  objectRef?: {
    resource?: string;
    subresource?: string;
    namespace?: string;
    name?: string;
    apiGroup?: string;
  };
  responseStatus?: { code?: number };
  requestReceivedTimestamp: string;
  userAgent?: string;
}

export interface AuditFilter {
  verb?: string;
  resource?: string;
  subresource?: string;
  namespace?: string;
  name?: string;
  username?: string;
  /** The HTTP status the API server answered (200, 403 …). */
  code?: number;
  /** Only requests received at or after this time. */
  since?: Date;
}

/** Every line, oldest first, across the rotated files (`audit-<time>.log`, --audit-log-maxbackup). */
export function readAuditLog(): AuditEvent[] {
  const dir = path.dirname(AUDIT_LOG);
  if (!existsSync(AUDIT_LOG))
    throw new Error(
      `No audit log at ${AUDIT_LOG}: is the testbed's kube-apiserver from today's testbed/up.sh?`,
    );
  const rotated = readdirSync(dir)
    .filter((f) => /^audit-.+\.log$/.test(f))
    .sort();
  return [...rotated.map((f) => path.join(dir, f)), AUDIT_LOG].flatMap((file) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('{') && line.endsWith('}')) // a line being written is skipped
      .map((line) => JSON.parse(line) as AuditEvent),
  );
}

export function findAuditEvents(filter: AuditFilter): AuditEvent[] {
  const since = filter.since?.getTime();
  return readAuditLog().filter(
    (e) =>
      (filter.verb === undefined || e.verb === filter.verb) &&
      (filter.resource === undefined || e.objectRef?.resource === filter.resource) &&
      (filter.subresource === undefined || e.objectRef?.subresource === filter.subresource) &&
      (filter.namespace === undefined || e.objectRef?.namespace === filter.namespace) &&
      (filter.name === undefined || e.objectRef?.name === filter.name) &&
      (filter.username === undefined || e.user.username === filter.username) &&
      (filter.code === undefined || e.responseStatus?.code === filter.code) &&
      (since === undefined || Date.parse(e.requestReceivedTimestamp) >= since),
  );
}

/** Waits for at least one matching line and returns the matches. */
export function waitForAuditEvents(filter: AuditFilter, timeoutMs = 10_000): Promise<AuditEvent[]> {
  return until(
    `an audit log line matching ${JSON.stringify(filter)} in ${AUDIT_LOG}`,
    async () => {
      const found = findAuditEvents(filter);
      return found.length > 0 && found;
    },
    timeoutMs,
    200,
  );
}
