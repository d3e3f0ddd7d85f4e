import type { Metadata } from 'next';
import { Suspense } from 'react';
import { PageSkeleton } from '@/components/ui/skeleton';
import { NamespaceView } from './namespace-view';

type Params = Promise<{ namespace: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { namespace } = await params;
  return { title: decodeURIComponent(namespace) };
}

export default async function NamespacePage({ params }: { params: Params }) {
  const { namespace } = await params;
  return (
    <Suspense fallback={<PageSkeleton label="Loading the namespace" />}>
      <NamespaceView namespace={decodeURIComponent(namespace)} />
    </Suspense>
  );
}
