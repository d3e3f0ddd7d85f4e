import type { Metadata } from 'next';
import { Suspense } from 'react';
import { RestartPlanView } from '@/components/restart-plan/restart-plan-view';
import { PageSkeleton } from '@/components/ui/skeleton';

export const metadata: Metadata = { title: 'Restart plan' };

export default function RestartPlanPage() {
  return (
    <Suspense fallback={<PageSkeleton label="Loading the restart plan" />}>
      <RestartPlanView />
    </Suspense>
  );
}
