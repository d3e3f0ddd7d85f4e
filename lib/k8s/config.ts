import 'server-only';
// Which cluster meshwatch talks to and the typed clients it uses. The kube context comes from
// $KUBECONFIG / ~/.kube/config / the in-cluster service account (client-node's loadFromDefault order);
// MESHWATCH_CONTEXT or a `--context` argument picks another context from the same kubeconfig.
import {
  AdmissionregistrationV1Api,
  AppsV1Api,
  AuthenticationV1Api,
  AuthorizationV1Api,
  BatchV1Api,
  CoreV1Api,
  KubeConfig,
  Observable,
  VersionApi,
  type ConfigurationOptions,
  type ObservableMiddleware,
  type RequestContext,
  type ResponseContext,
} from '@kubernetes/client-node';
import type { ContextInfo } from '@/lib/api/dto';
import { MeshwatchError } from '@/lib/api/errors';

export interface KubeContext {
  config: KubeConfig;
  info: ContextInfo;
}

export interface Clients {
  core: CoreV1Api;
  apps: AppsV1Api;
  batch: BatchV1Api;
  admission: AdmissionregistrationV1Api;
  authentication: AuthenticationV1Api;
  authorization: AuthorizationV1Api;
  version: VersionApi;
}

type Env = Readonly<Record<string, string | undefined>>;

/** `MESHWATCH_CONTEXT`, else `--context NAME` / `--context=NAME` among the process arguments. */
export function contextOverride(env: Env, argv: readonly string[]): string | undefined {
  if (env.MESHWATCH_CONTEXT?.trim()) return env.MESHWATCH_CONTEXT.trim();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg.startsWith('--context=')) return arg.slice('--context='.length) || undefined;
    if (arg === '--context') return argv[i + 1];
  }
  return undefined;
}

/** Kubeconfig keys whose values are credentials. */
const SECRET_KEYS =
  /((?:token|password|client-key-data|client-certificate-data|id-token|refresh-token|access-token|secret|client-secret)["']?\s*[:=]\s*).*$/gim;

/** For the server log: a parser's excerpt of a kubeconfig, credentials replaced. */
export function redactSecrets(text: string): string {
  return text.replace(SECRET_KEYS, '$1[redacted]');
}

/**
 * The parser's message quotes the kubeconfig (tokens included), and its text would reach every client
 * — even probes, which skip the Host check. Log it (redacted) for the operator; clients get one line.
 */
export const KUBECONFIG_UNREADABLE = 'Cannot load the kubeconfig; the meshwatch server log says why.';

export function loadKubeContext(env: Env = process.env, argv: readonly string[] = process.argv): KubeContext {
  const config = new KubeConfig();
  try {
    config.loadFromDefault();
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    console.error(
      JSON.stringify({ level: 'error', msg: 'cannot load the kubeconfig', error: redactSecrets(why) }),
    );
    throw new MeshwatchError('unavailable', KUBECONFIG_UNREADABLE);
  }
  const wanted = contextOverride(env, argv);
  if (wanted) {
    if (!config.getContextObject(wanted)) {
      throw new MeshwatchError('unavailable', `Kube context "${wanted}" is not in the kubeconfig.`);
    }
    config.setCurrentContext(wanted);
  }
  const name = config.getCurrentContext();
  return {
    config,
    info: { name, server: config.getCurrentCluster()?.server ?? '', inCluster: name === 'inClusterContext' },
  };
}

export function makeClients(config: KubeConfig): Clients {
  return {
    core: config.makeApiClient(CoreV1Api),
    apps: config.makeApiClient(AppsV1Api),
    batch: config.makeApiClient(BatchV1Api),
    admission: config.makeApiClient(AdmissionregistrationV1Api),
    authentication: config.makeApiClient(AuthenticationV1Api),
    authorization: config.makeApiClient(AuthorizationV1Api),
    version: config.makeApiClient(VersionApi),
  };
}

export const DEFAULT_CALL_TIMEOUT_MS = 10_000;

/**
 * Per-call options: an abort deadline (client-node has none of its own, so a black-holed API server would
 * hang a route) and optionally a Content-Type, which is how a patch picks merge vs strategic-merge.
 * The middleware is appended: passing a bare `{ middleware }` would replace client-node's own.
 */
export function callOptions(
  opts: { timeoutMs?: number; contentType?: string } = {},
): ConfigurationOptions<ObservableMiddleware> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_CALL_TIMEOUT_MS;
  const middleware: ObservableMiddleware = {
    pre: (request: RequestContext) => {
      request.setSignal(AbortSignal.timeout(timeoutMs));
      if (opts.contentType) request.setHeaderParam('Content-Type', opts.contentType);
      return new Observable(Promise.resolve(request));
    },
    post: (response: ResponseContext) => new Observable(Promise.resolve(response)),
  };
  return { middleware: [middleware], middlewareMergeStrategy: 'append' };
}
