import { Suspense } from 'react';
import { PageSkeleton } from '@/components/ui/skeleton';
import { OverviewView } from './overview-view';

export default function OverviewPage() {
  return (
    <Suspense fallback={<PageSkeleton label="Loading the cluster overview" />}>
      <OverviewView />
    </Suspense>
  );
}
