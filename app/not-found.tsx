import Link from 'next/link';

export default function NotFound() {
  return (
    <div className="mx-auto max-w-md space-y-2 py-16 text-center">
      <h1 className="text-lg font-semibold">Nothing here</h1>
      <p className="text-[13px] text-zinc-600 dark:text-zinc-400">This page does not exist in meshwatch.</p>
      <Link href="/" className="text-[13px] font-medium text-teal-800 hover:underline dark:text-teal-300">
        Back to the overview
      </Link>
    </div>
  );
}
