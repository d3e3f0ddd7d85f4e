'use client';

import useSWR from 'swr';
import type {
  ActivityResponse,
  CapabilitiesResponse,
  InjectorProbeResponse,
  NamespaceResponse,
  OverviewResponse,
  PodResponse,
  RestartPlanResponse,
  SessionResponse,
} from '@/lib/api/dto';
import type { ContextResponse } from '@/lib/api/context';
import type { ApiError } from './api-error';
import { apiPaths } from './api-paths';

// Typed SWR hooks, one per read endpoint. The stream provider revalidates them by key.

export function useOverview() {
  return useSWR<OverviewResponse, ApiError>(apiPaths.overview);
}

/** The header's small answer; the stream revalidates it only on cluster-wide changes. */
export function useContextInfo() {
  return useSWR<ContextResponse, ApiError>(apiPaths.context);
}

export function useNamespace(namespace: string) {
  return useSWR<NamespaceResponse, ApiError>(apiPaths.namespace(namespace));
}

export function usePod(namespace: string, pod: string | null) {
  return useSWR<PodResponse, ApiError>(pod ? apiPaths.pod(namespace, pod) : null);
}

/** Whose identity this browser acts with (401 before sign-in in `user` mode). */
export function useSession() {
  return useSWR<SessionResponse, ApiError>(apiPaths.session, { revalidateOnFocus: false });
}

/**
 * What the acting identity may do. In `user` mode a namespace's buttons ask about that namespace (a
 * person's Role there counts); the shared identity is asked once, cluster-wide, as before.
 */
export function useCapabilities(namespace?: string) {
  const { data: session } = useSession();
  const key =
    namespace && session?.mode === 'user' ? apiPaths.namespaceCapabilities(namespace) : apiPaths.capabilities;
  // The token and RBAC answers change rarely; the stream does not announce them.
  return useSWR<CapabilitiesResponse, ApiError>(key, {
    revalidateOnFocus: false,
    refreshInterval: 5 * 60_000,
  });
}

export function useActivity() {
  return useSWR<ActivityResponse, ApiError>(apiPaths.activity);
}

/** The injector probe; polled (the probe runs on its own interval server-side, the stream does not carry it). */
export function useInjectorProbe() {
  return useSWR<InjectorProbeResponse, ApiError>(apiPaths.injector, { refreshInterval: 5_000 });
}

/** The cluster-wide restart plan and the server's run; the stream's `event: plan` revalidates it. */
export function useRestartPlan() {
  return useSWR<RestartPlanResponse, ApiError>(apiPaths.restartPlan);
}
