'use client';

import { useMemo } from 'react';
import { ActivityTable } from '@/components/activity/activity-table';
import { Button } from '@/components/ui/button';
import { Card, CardHeader } from '@/components/ui/card';
import { Chip } from '@/components/ui/chip';
import { ErrorCallout } from '@/components/ui/error-callout';
import { PageSkeleton } from '@/components/ui/skeleton';
import { plural } from '@/lib/ui/format';
import { useActivity } from '@/lib/ui/use-api';
import { useUrlState } from '@/lib/ui/use-url-state';

export function ActivityView() {
  const { data, error, mutate } = useActivity();
  const [params, setParams] = useUrlState();
  const hideDryRuns = params.get('hide') === 'dry-runs';
  const entries = useMemo(
    () => (data?.entries ?? []).filter((entry) => !hideDryRuns || !entry.dryRun),
    [data, hideDryRuns],
  );

  if (!data) {
    if (error) {
      return (
        <ErrorCallout
          error={error}
          prefix="Cannot load activity"
          actions={<Button onClick={() => void mutate()}>Retry</Button>}
        />
      );
    }
    return <PageSkeleton label="Loading activity" />;
  }
  const dryRuns = data.entries.filter((entry) => entry.dryRun).length;
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-xl font-semibold tracking-tight">Activity</h1>
        <p className="text-[13px] text-zinc-600 dark:text-zinc-400">
          What meshwatch did in the cluster, newest first:{' '}
          {data.source === 'cluster'
            ? 'read from its Kubernetes Events (they outlive a server restart and agree across replicas), plus dry runs and refusals this server remembers.'
            : 'as this meshwatch server remembers it.'}
        </p>
        {data.eventsError && (
          <p className="text-[13px] text-amber-800 dark:text-amber-300" data-testid="activity-events-error">
            Cannot read meshwatch&apos;s Events from the cluster ({data.eventsError}): actions from before
            this server started, or from another replica, are missing.
          </p>
        )}
      </div>
      <Card>
        <CardHeader
          title="Recent actions"
          description={plural(entries.length, 'entry', 'entries')}
          actions={
            <Chip
              pressed={hideDryRuns}
              count={dryRuns}
              onToggle={() => setParams({ hide: hideDryRuns ? null : 'dry-runs' })}
            >
              Hide dry runs
            </Chip>
          }
        />
        <ActivityTable entries={entries} />
      </Card>
    </div>
  );
}
