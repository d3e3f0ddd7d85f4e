// What both differential tests read back from the testbed once a matrix is created: the matrix's pods,
// and the wait until every Deployment has its pod or a FailedCreate (a pod the API server refused).
import { kubectlJson, until } from '../tests/helpers/testbed';
import type { DiffCase } from './cases';

/* eslint-disable @typescript-eslint/no-explicit-any -- raw API JSON */
type Obj = any;

/** The pods of the matrix's namespaces (every case labels its pods `app`). */
export async function matrixPods(namespaces: readonly string[]): Promise<Obj[]> {
  return (await kubectlJson<{ items: Obj[] }>(['get', 'pods', '-A', '-l', 'app'])).items.filter((p) =>
    namespaces.includes(p.metadata.namespace),
  );
}

/** Every Deployment gets its pod, or its ReplicaSet records a FailedCreate (a refused pod). */
export async function waitForDeploymentPods(
  namespaces: readonly string[],
  deployments: readonly DiffCase[],
): Promise<void> {
  await until(
    'every Deployment to have a pod or a FailedCreate',
    async () => {
      const pods = await matrixPods(namespaces);
      const events = (
        await kubectlJson<{ items: Obj[] }>([
          'get',
          'events',
          '-A',
          '--field-selector',
          'reason=FailedCreate',
        ])
      ).items;
      return deployments.every(
        (d) =>
          pods.some((p) => p.metadata.namespace === d.namespace && p.metadata.labels?.app === d.name) ||
          events.some(
            (e) =>
              e.involvedObject.namespace === d.namespace && e.involvedObject.name.startsWith(`${d.name}-`),
          ),
      );
    },
    240_000,
    2000,
  );
}
