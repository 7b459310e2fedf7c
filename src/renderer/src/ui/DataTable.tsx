import {
  flexRender,
  getCoreRowModel,
  getFilteredRowModel,
  getSortedRowModel,
  useReactTable,
  type ColumnDef,
  type Row,
  type SortingState
} from '@tanstack/react-table'
import { ArrowDown, ArrowUp, ArrowUpDown } from 'lucide-react'
import { memo, useCallback, useRef, useState, type ReactNode } from 'react'
import { cx } from './cx'
import { useRowWindow } from './row-window'
import { Table, TBody, TD, TH, THead, TR } from './Table'

/** A column's `meta.className` lands on its header and cells (e.g. to hide it in narrow windows). */
function colClass(def: { meta?: unknown }): string | undefined {
  return (def.meta as { className?: string } | undefined)?.className
}

/**
 * A sortable, filterable table on TanStack Table. Sort buttons sit in the headers with
 * aria-sort; the global filter is controlled by the screen (its search box). A long table renders
 * the rows in view only (see row-window.ts), with aria-rowcount and aria-rowindex telling
 * assistive technology how many rows there are and where each one sits.
 */
export function DataTable<T>({
  data,
  columns,
  label,
  filter,
  getRowId,
  empty,
  onRowOpen,
  initialSort = []
}: {
  data: T[]
  columns: ColumnDef<T, unknown>[]
  label: string
  filter?: string
  getRowId: (row: T) => string
  empty?: ReactNode
  /** Double-click or Enter on a row opens it. */
  onRowOpen?: (row: T) => void
  initialSort?: SortingState
}) {
  const [sorting, setSorting] = useState<SortingState>(initialSort)
  const table = useReactTable({
    data,
    columns,
    state: { sorting, globalFilter: filter ?? '' },
    onSortingChange: setSorting,
    getRowId: (row) => getRowId(row),
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getFilteredRowModel: getFilteredRowModel(),
    globalFilterFn: 'includesString'
  })
  const rows = table.getRowModel().rows
  const body = useRef<HTMLTableSectionElement>(null)
  const win = useRowWindow(rows.length, body)
  const openRef = useRef(onRowOpen)
  openRef.current = onRowOpen
  const open = useCallback((row: T) => openRef.current?.(row), [])
  return (
    <Table label={label} aria-rowcount={win ? rows.length + 1 : undefined}>
      <THead>
        {table.getHeaderGroups().map((hg) => (
          <TR key={hg.id}>
            {hg.headers.map((h) => {
              const sorted = h.column.getIsSorted()
              const canSort = h.column.getCanSort()
              return (
                <TH
                  key={h.id}
                  className={colClass(h.column.columnDef)}
                  aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : canSort ? 'none' : undefined}
                  style={{ width: h.column.columnDef.size !== 150 ? h.column.columnDef.size : undefined }}
                >
                  {canSort ? (
                    <button
                      type="button"
                      onClick={h.column.getToggleSortingHandler()}
                      className="-mx-1 inline-flex items-center gap-1 rounded px-1 hover:text-fg"
                    >
                      {flexRender(h.column.columnDef.header, h.getContext())}
                      {sorted === 'asc' ? (
                        <ArrowUp aria-hidden className="size-3" />
                      ) : sorted === 'desc' ? (
                        <ArrowDown aria-hidden className="size-3" />
                      ) : (
                        <ArrowUpDown aria-hidden className="size-3 opacity-40" />
                      )}
                    </button>
                  ) : (
                    flexRender(h.column.columnDef.header, h.getContext())
                  )}
                </TH>
              )
            })}
          </TR>
        ))}
      </THead>
      <TBody ref={body}>
        {rows.length === 0 ? (
          <TR>
            <TD colSpan={columns.length} className="py-8 text-center text-muted">
              {empty ?? 'Nothing matches the filter.'}
            </TD>
          </TR>
        ) : win ? (
          <>
            <Spacer height={win.before} columns={columns.length} />
            {win.items.map((item) => {
              const row = rows[item.index]!
              return <DataRow key={row.id} row={row} openable={Boolean(onRowOpen)} onOpen={open} index={item.index} measure={win.measure} />
            })}
            <Spacer height={win.after} columns={columns.length} />
          </>
        ) : (
          rows.map((row) => <DataRow key={row.id} row={row} openable={Boolean(onRowOpen)} onOpen={open} />)
        )}
      </TBody>
    </Table>
  )
}

/** Stands for the rows outside the window, so the scrollbar and the page keep their full length. */
function Spacer({ height, columns }: { height: number; columns: number }) {
  if (height <= 0) return null
  return (
    <tr aria-hidden="true">
      <td colSpan={columns} style={{ height, padding: 0, border: 0 }} />
    </tr>
  )
}

interface DataRowProps<T> {
  row: Row<T>
  openable: boolean
  onOpen: (row: T) => void
  /** In a windowed table: the row's place among all rows, and the ref that measures it. */
  index?: number
  measure?: (el: Element | null) => void
}

/**
 * One row, re-rendered only when its data object (or its place in a windowed table) changes: a
 * sort moves rows without rendering them again, and a refetch (structurally shared by TanStack
 * Query) renders only changed nodes.
 */
const DataRow = memo(
  function DataRow<T>({ row, openable, onOpen, index, measure }: DataRowProps<T>) {
    return (
      <TR
        ref={measure}
        data-index={index}
        aria-rowindex={index === undefined ? undefined : index + 2}
        className={cx(openable && 'cursor-default hover:bg-surface-2')}
        onDoubleClick={openable ? () => onOpen(row.original) : undefined}
      >
        {row.getVisibleCells().map((cell) => (
          <TD key={cell.id} className={colClass(cell.column.columnDef)}>
            {flexRender(cell.column.columnDef.cell, cell.getContext())}
          </TD>
        ))}
      </TR>
    )
  },
  (a, b) => a.row.original === b.row.original && a.openable === b.openable && a.onOpen === b.onOpen && a.index === b.index && a.measure === b.measure
) as <T>(props: DataRowProps<T>) => ReactNode
