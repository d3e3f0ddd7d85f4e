// The demo scenarios testbed:seed creates (testbed/seed/*.yaml), as the journeys rely on them.
export const SEEDED_NAMESPACES = [
  'shop',
  'payments',
  'analytics',
  'checkout',
  'search',
  'monitoring',
  'inventory',
  'notifications',
  'billing',
  'legacy',
] as const;

/** Annotated after its pods started: with an injector its pods are missing-proxy. */
export const PREDATES_ANNOTATION = 'payments';
/** The hostNetwork DaemonSet. */
export const HOST_NETWORK = { namespace: 'monitoring', workload: 'node-exporter' } as const;
/** No linkerd.io/inject anywhere. */
export const UNANNOTATED = 'notifications';
