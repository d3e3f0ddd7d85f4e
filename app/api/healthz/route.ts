// Liveness: the process answers. No Host check (kubelet probes send the pod IP) and no cluster data.
import { connection } from 'next/server';
import { jsonResponse } from '@/lib/api/errors';

export async function GET(): Promise<Response> {
  await connection();
  return jsonResponse({ status: 'ok' });
}
