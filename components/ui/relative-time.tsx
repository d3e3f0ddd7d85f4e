'use client';

import { formatAbsolute, formatAgo } from '@/lib/ui/format';
import { useNow } from '@/lib/ui/use-now';

/**
 * A time as an operator reads it at a glance ("12m ago"), with the absolute UTC time on hover and in
 * `dateTime` for assistive tech and copy-paste. Empty during the server render so hydration matches.
 */
export function RelativeTime({
  iso,
  prefix = '',
  ago = true,
  className,
}: {
  iso: string;
  prefix?: string;
  ago?: boolean;
  className?: string;
}) {
  const now = useNow();
  const shown = now === 0 ? '' : ago ? formatAgo(iso, now) : formatAgo(iso, now).replace(/ ago$/, '');
  return (
    <time dateTime={iso} title={formatAbsolute(iso)} className={className} data-testid="relative-time">
      {shown && `${prefix}${shown}`}
    </time>
  );
}
