// Liveness: the process answers. No Host check (kubelet probes send the pod IP) and no cluster data.
import { connection } from 'next/server';
import { jsonResponse } from '@/lib/api/errors';
import { liveness } from '@/lib/k8s/health';

export async function GET(): Promise<Response> {
  await connection();
  const { status, body } = liveness();
  return jsonResponse(body, status);
}
