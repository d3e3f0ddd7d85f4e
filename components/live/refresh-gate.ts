// At most one refresh per group in flight: a request while one runs marks the group, and exactly one
// more runs when it ends. A tab under churn then fetches at the pace the server answers, never queueing.
export type Refresh = (group: string, run: () => Promise<unknown>) => void;

export function createRefreshGate(): Refresh {
  const running = new Map<string, boolean>();
  const refresh: Refresh = (group, run) => {
    if (running.has(group)) {
      running.set(group, true);
      return;
    }
    running.set(group, false);
    void Promise.resolve()
      .then(run)
      .catch(() => undefined)
      .finally(() => {
        const again = running.get(group);
        running.delete(group);
        if (again) refresh(group, run);
      });
  };
  return refresh;
}
