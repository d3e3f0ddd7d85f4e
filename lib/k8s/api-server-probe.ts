import 'server-only';
// The API server's reachability, probed every tick: GET /readyz?verbose (and /version after an outage,
// which may have been an upgrade). A restarting API server may keep old watch streams open for seconds
// while it refuses new requests, and one whose etcd is gone still answers /version and keeps its
// watches while every write hangs; so watches (or /version) alone notice an outage late or never.
import type { KubeConfig } from '@kubernetes/client-node';
import type { ContextInfo } from '@/lib/api/dto';
import { callOptions, type Clients } from './config';
import { setApiServerNote, toMeshwatchError } from './errors';
import type { ProbeState } from './freshness';
import { describeReadiness, readApiReadiness } from './readiness';

/** The API server's etcd checks time out after 2 s (--etcd-healthcheck-timeout): leave room for its answer. */
const PROBE_TIMEOUT_MS = 3_500;

export class ApiServerProbe {
  state: ProbeState = { healthy: false, lastOkAt: null };
  private inFlight = false;

  constructor(
    private readonly kubeConfig: KubeConfig,
    private readonly clients: Clients,
    private readonly context: ContextInfo,
  ) {}

  /** One probe (none while the last is still out); keeps `context.kubernetesVersion` current. */
  async run(): Promise<void> {
    if (this.inFlight) return;
    this.inFlight = true;
    const wasHealthy = this.state.healthy;
    try {
      const readiness = await readApiReadiness(this.kubeConfig, PROBE_TIMEOUT_MS);
      if (!readiness.ready) throw new Error(describeReadiness(readiness), { cause: 'not-ready' });
      if (!wasHealthy || !this.context.kubernetesVersion) {
        const info = await this.clients.version.getCode(
          undefined,
          callOptions({ timeoutMs: PROBE_TIMEOUT_MS }),
        );
        this.context.kubernetesVersion = info.gitVersion;
      }
      this.state = { healthy: true, lastOkAt: Date.now() };
      setApiServerNote(undefined);
    } catch (err) {
      const notReady = err instanceof Error && err.cause === 'not-ready';
      // No answer at all from /readyz: its etcd checks hang when etcd is frozen or partitioned.
      const silent = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
      const lastError = notReady
        ? err.message
        : silent
          ? `The Kubernetes API server's readiness check (/readyz) did not answer within ${PROBE_TIMEOUT_MS / 1000} s: the API server or its storage (etcd) is not serving`
          : toMeshwatchError(err).message;
      this.state = { healthy: false, lastError, lastOkAt: this.state.lastOkAt };
      setApiServerNote(notReady || silent ? lastError : undefined);
    } finally {
      this.inFlight = false;
    }
  }
}
