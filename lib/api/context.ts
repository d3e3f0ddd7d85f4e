// GET /api/v1/context: what every page's header shows (the context's name and server, and the few
// cluster-wide facts pages compare against), so no page loads the whole overview just for its header.
import type { ContextInfo } from './dto';

export interface ContextResponse {
  context: ContextInfo;
  cluster: {
    controlPlaneNamespace?: string;
    linkerdVersion?: string;
    /** The proxy version the injector adds now: pages compare pods' proxies with it. */
    injectProxyVersion?: string;
    webhookPresent: boolean;
  };
  generatedAt: string;
}
