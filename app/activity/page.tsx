import type { Metadata } from 'next';
import { Suspense } from 'react';
import { PageSkeleton } from '@/components/ui/skeleton';
import { ActivityView } from './activity-view';

export const metadata: Metadata = { title: 'Activity' };

export default function ActivityPage() {
  return (
    <Suspense fallback={<PageSkeleton label="Loading activity" />}>
      <ActivityView />
    </Suspense>
  );
}
