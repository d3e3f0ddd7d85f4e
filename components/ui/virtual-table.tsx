'use client';

import type { ReactNode } from 'react';
import type { SortState } from '@/lib/ui/table-sort';
import { useWindowedRows } from '@/lib/ui/use-windowed-rows';
import { SortIcon } from './icons';

export interface Column<Row> {
  id: string;
  header: ReactNode;
  /** CSS width for the <col>, e.g. '8rem' or '22%'. */
  width?: string;
  align?: 'left' | 'right';
  /** Set when the column sorts; the value is what goes into the URL. */
  sortKey?: string;
  cell: (row: Row) => ReactNode;
}

export type { SortState };

const ROW_HEIGHT = 36;
const HEADER_HEIGHT = 33;

/**
 * A table that renders only the rows in view. Rows have one fixed height, cells never wrap; the
 * scroller is a labelled, focusable region so it scrolls from the keyboard too.
 */
export function VirtualTable<Row>({
  label,
  rows,
  columns,
  rowKey,
  sort,
  onSort,
  empty,
  scrollerClass = 'max-h-[70vh]',
  rowTestId,
}: {
  label: string;
  rows: readonly Row[];
  columns: Column<Row>[];
  rowKey: (row: Row) => string;
  sort?: SortState;
  onSort?: (key: string) => void;
  empty?: ReactNode;
  scrollerClass?: string;
  rowTestId?: string;
}) {
  const { scrollRef, start, end, padTop, padBottom } = useWindowedRows(
    rows.length,
    ROW_HEIGHT,
    HEADER_HEIGHT,
  );
  const visible = rows.slice(start, end);

  return (
    <div
      ref={scrollRef}
      role="region"
      aria-label={label}
      tabIndex={0}
      className={`overflow-auto focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-teal-600 ${scrollerClass}`}
    >
      <table
        aria-rowcount={rows.length + 1}
        className="w-full table-fixed border-separate border-spacing-0 text-[13px]"
      >
        <colgroup>
          {columns.map((column) => (
            <col key={column.id} style={column.width ? { width: column.width } : undefined} />
          ))}
        </colgroup>
        <thead className="sticky top-0 z-10 bg-zinc-50/95 backdrop-blur dark:bg-zinc-900/95">
          <tr aria-rowindex={1}>
            {columns.map((column) => {
              const active = sort && column.sortKey === sort.key ? sort.direction : null;
              return (
                <th
                  key={column.id}
                  scope="col"
                  aria-sort={active ? (active === 'asc' ? 'ascending' : 'descending') : undefined}
                  className={`h-[33px] border-b border-zinc-200 px-3 text-[11px] font-semibold tracking-wide whitespace-nowrap text-zinc-500 uppercase dark:border-zinc-800 dark:text-zinc-400 ${column.align === 'right' ? 'text-right' : 'text-left'}`}
                >
                  {column.sortKey && onSort ? (
                    <button
                      type="button"
                      onClick={() => onSort(column.sortKey!)}
                      className={`inline-flex items-center gap-1 rounded uppercase hover:text-zinc-900 focus-visible:outline-2 focus-visible:outline-teal-600 dark:hover:text-zinc-100 ${active ? 'text-zinc-900 dark:text-zinc-100' : ''}`}
                    >
                      {column.header}
                      <SortIcon sorted={active ?? null} className="size-3" />
                    </button>
                  ) : (
                    column.header
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {padTop > 0 && (
            <tr aria-hidden="true" style={{ height: padTop }}>
              <td colSpan={columns.length} />
            </tr>
          )}
          {visible.map((row, index) => (
            <tr
              key={rowKey(row)}
              aria-rowindex={start + index + 2}
              data-testid={rowTestId}
              style={{ height: ROW_HEIGHT }}
              className="group hover:bg-zinc-50 dark:hover:bg-zinc-800/40"
            >
              {columns.map((column) => (
                <td
                  key={column.id}
                  className={`overflow-hidden border-b border-zinc-100 px-3 text-ellipsis whitespace-nowrap dark:border-zinc-800/70 ${column.align === 'right' ? 'text-right' : ''}`}
                >
                  {column.cell(row)}
                </td>
              ))}
            </tr>
          ))}
          {padBottom > 0 && (
            <tr aria-hidden="true" style={{ height: padBottom }}>
              <td colSpan={columns.length} />
            </tr>
          )}
        </tbody>
      </table>
      {rows.length === 0 && (
        <div className="px-4 py-10 text-center text-[13px] text-zinc-500 dark:text-zinc-400">
          {empty ?? 'Nothing to show.'}
        </div>
      )}
    </div>
  );
}
