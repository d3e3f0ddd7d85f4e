// Every request — pages, assets and API alike — passes the Host allow-list first (DNS rebinding:
// a hostile page resolving its own name to 127.0.0.1 must not read or drive meshwatch). The health
// probes are exempt: kubelet sends the pod IP as Host, and they reveal nothing about the cluster.
import type { NextRequest } from 'next/server';
import { errorResponse } from '@/lib/api/errors';
import { checkHost, PROBE_PATHS } from '@/lib/api/security';

export function proxy(request: NextRequest): Response | undefined {
  if ((PROBE_PATHS as readonly string[]).includes(request.nextUrl.pathname)) return undefined;
  try {
    checkHost(request);
  } catch (err) {
    return errorResponse(err);
  }
  return undefined;
}
