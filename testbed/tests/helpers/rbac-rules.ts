// The exact rule sets the chart's ServiceAccount must have, as `canIList` rows (helpers/helm.ts).
// What meshwatch calls, per lib/k8s (README "What the ClusterRole grants"): widening the chart's RBAC
// must show up here as a deliberate change.
const READS = [
  'configmaps [linkerd-config] list watch',
  'jobs.batch list watch',
  'mutatingwebhookconfigurations.admissionregistration.k8s.io list watch',
  'replicasets.apps list watch',
];

/** auth.mode=serviceaccount (the shared identity), in any namespace but its own (there it also has
 * `pods create`, see below). */
export const FULL_RULES = [
  ...READS,
  'cronjobs.batch get list patch watch',
  'daemonsets.apps get list patch watch',
  'deployments.apps get list patch watch',
  'events create list',
  'namespaces get list patch watch',
  'pods list watch',
  'statefulsets.apps get list patch watch',
];

/** auth.mode=serviceaccount in the release namespace: the injector probe's dry-run pod create. */
export const FULL_RULES_OWN_NAMESPACE = FULL_RULES.map((r) =>
  r === 'pods list watch' ? 'pods create list watch' : r,
);

/** readOnly=true, anywhere: no patch, no create (not even events), no probe Role. */
export const READ_ONLY_RULES = [
  ...READS,
  'cronjobs.batch get list watch',
  'daemonsets.apps get list watch',
  'deployments.apps get list watch',
  'events list',
  'namespaces get list watch',
  'pods list watch',
  'statefulsets.apps get list watch',
];

/**
 * auth.mode=user (the chart's default), in any namespace but its own: the informers' reads only. Every
 * change goes out with the person's token, so the ServiceAccount has exactly the read-only rule set.
 */
export const USER_RULES = READ_ONLY_RULES;

/** auth.mode=user in the release namespace: the injector probe's dry-run pod create stays, because the
 * probe is the console's own check of the injector, not something done for a person. */
export const USER_RULES_OWN_NAMESPACE = USER_RULES.map((r) =>
  r === 'pods list watch' ? 'pods create list watch' : r,
);
