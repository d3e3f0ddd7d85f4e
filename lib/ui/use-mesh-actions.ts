'use client';

import { useCallback } from 'react';
import { useSWRConfig } from 'swr';
import type {
  InjectionRequest,
  InjectionResponse,
  LintFixRequest,
  MetadataChangeResponse,
  PlanRun,
  RestartPlanRequest,
  RestartPlanStartResponse,
  RestartResponse,
  WorkloadInjectionRequest,
  WorkloadRef,
} from '@/lib/api/dto';
import { ApiError } from './api-error';
import { apiPaths, isNamespaceKey } from './api-paths';
import { postJson } from './fetcher';
import { useCapabilities } from './use-api';

/**
 * The three mutations, each sent with the CSRF token from /api/v1/capabilities. A stale token (the
 * server restarted) is fetched again and the call retried once. After a real change, the affected views
 * revalidate at once instead of waiting for the stream.
 */
export function useMeshActions() {
  const { data: capabilities, mutate: refreshCapabilities } = useCapabilities();
  const { mutate } = useSWRConfig();

  const send = useCallback(
    async <T>(url: string, body: unknown): Promise<T> => {
      const token = capabilities?.csrfToken ?? (await refreshCapabilities())?.csrfToken;
      if (!token)
        throw new ApiError(0, 'csrf', 'Could not get a session token from the server. Reload the page.');
      try {
        return await postJson<T>(url, body, token);
      } catch (error) {
        if (!(error instanceof ApiError) || error.code !== 'csrf') throw error;
        const fresh = await refreshCapabilities();
        if (!fresh) throw error;
        return postJson<T>(url, body, fresh.csrfToken);
      }
    },
    [capabilities, refreshCapabilities],
  );

  const afterChange = useCallback(
    (namespace: string) => {
      void mutate(apiPaths.overview);
      void mutate(apiPaths.activity);
      void mutate((key) => isNamespaceKey(key, namespace));
    },
    [mutate],
  );

  const setInjection = useCallback(
    async (namespace: string, request: InjectionRequest) => {
      const response = await send<InjectionResponse>(apiPaths.injection(namespace), request);
      if (!request.dryRun) afterChange(namespace);
      return response;
    },
    [send, afterChange],
  );

  const restartWorkload = useCallback(
    async (workload: WorkloadRef, dryRun: boolean, force = false) => {
      const url = apiPaths.restartWorkload(workload.namespace, workload.kind, workload.name);
      const response = await send<RestartResponse>(url, force ? { dryRun, force } : { dryRun });
      if (!dryRun) afterChange(workload.namespace);
      return response;
    },
    [send, afterChange],
  );

  const restartNamespace = useCallback(
    async (namespace: string, dryRun: boolean, force = false) => {
      const body = force ? { dryRun, force } : { dryRun };
      const response = await send<RestartResponse>(apiPaths.restartNamespace(namespace), body);
      if (!dryRun) afterChange(namespace);
      return response;
    },
    [send, afterChange],
  );

  const setWorkloadInjection = useCallback(
    async (workload: WorkloadRef, request: WorkloadInjectionRequest) => {
      const url = apiPaths.workloadInjection(workload.namespace, workload.kind, workload.name);
      const response = await send<MetadataChangeResponse>(url, request);
      if (!request.dryRun) afterChange(workload.namespace);
      return response;
    },
    [send, afterChange],
  );

  const fixLint = useCallback(
    async (target: { kind: string; namespace?: string; name: string }, request: LintFixRequest) => {
      const response = await send<MetadataChangeResponse>(apiPaths.lintFix(target), request);
      if (!request.dryRun) afterChange(target.namespace ?? target.name);
      return response;
    },
    [send, afterChange],
  );

  const runRestartPlan = useCallback(
    async (request: RestartPlanRequest) => {
      const response = await send<RestartPlanStartResponse>(apiPaths.restartPlan, request);
      void mutate(apiPaths.restartPlan);
      if (!request.dryRun) void mutate(apiPaths.activity);
      return response;
    },
    [send, mutate],
  );

  const cancelRestartPlan = useCallback(
    async (id: string) => {
      const response = await send<{ run: PlanRun }>(apiPaths.cancelRestartPlan, { id });
      void mutate(apiPaths.restartPlan);
      return response;
    },
    [send, mutate],
  );

  return {
    setInjection,
    restartWorkload,
    restartNamespace,
    setWorkloadInjection,
    fixLint,
    runRestartPlan,
    cancelRestartPlan,
  };
}
