import type { Metadata } from 'next';
import Link from 'next/link';
import { PodExplanation } from '@/components/pod/pod-explanation';
import { Card } from '@/components/ui/card';
import { ChevronIcon } from '@/components/ui/icons';

type Params = Promise<{ namespace: string; pod: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { namespace, pod } = await params;
  return { title: `${decodeURIComponent(pod)} · ${decodeURIComponent(namespace)}` };
}

/** The pod explanation as a page of its own, for links from tickets and chat. */
export default async function PodPage({ params }: { params: Params }) {
  const { namespace: rawNamespace, pod: rawPod } = await params;
  const namespace = decodeURIComponent(rawNamespace);
  const pod = decodeURIComponent(rawPod);
  const crumb =
    'rounded hover:text-zinc-900 hover:underline focus-visible:outline-2 focus-visible:outline-teal-600 dark:hover:text-zinc-100';
  return (
    <div className="mx-auto max-w-4xl space-y-3">
      <nav
        aria-label="Breadcrumb"
        className="flex items-center gap-1 text-xs text-zinc-500 dark:text-zinc-400"
      >
        <Link href="/" className={crumb}>
          Overview
        </Link>
        <ChevronIcon className="size-3" />
        <Link href={`/namespaces/${encodeURIComponent(namespace)}`} className={`font-mono ${crumb}`}>
          {namespace}
        </Link>
        <ChevronIcon className="size-3" />
        <span aria-current="page">Pod</span>
      </nav>
      <h1 className="font-mono text-xl font-semibold tracking-tight">{pod}</h1>
      <Card className="p-5">
        <PodExplanation namespace={namespace} pod={pod} />
      </Card>
    </div>
  );
}
