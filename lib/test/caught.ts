import { isMeshwatchError, type MeshwatchError } from '@/lib/api/errors';

/** Runs fn and returns the MeshwatchError it throws; fails the test when it throws nothing or something else. */
export function caught(fn: () => unknown): MeshwatchError {
  try {
    fn();
  } catch (err) {
    if (isMeshwatchError(err)) return err;
    throw err;
  }
  throw new Error('expected a MeshwatchError');
}

/** The same for a promise. */
export async function caughtAsync(promise: Promise<unknown>): Promise<MeshwatchError> {
  try {
    await promise;
  } catch (err) {
    if (isMeshwatchError(err)) return err;
    throw err;
  }
  throw new Error('expected a MeshwatchError');
}
