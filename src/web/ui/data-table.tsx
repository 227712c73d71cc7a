/**
 * The table every list screen uses: a caption, a header row of `scope=col` cells,
 * an optional row-header column, numeric cells right-aligned, a scroll wrapper
 * for narrow screens, and a sentence when there are no rows. Knows no domain.
 */
import type { ComponentChildren } from 'preact';

export interface Column<Row> {
  header: ComponentChildren;
  cell: (row: Row, index: number) => ComponentChildren;
  /** Right-aligned figures. */
  numeric?: boolean;
  /** The cell that names the row (rendered as `<th scope="row">`). */
  rowHeader?: boolean;
  class?: string;
  /** A class that depends on the row (e.g. the rating's colour), added to the body cell only. */
  cellClass?: (row: Row) => string;
}

export interface DataTableProps<Row> {
  /** The table's name; or `labelledBy`, the id of what names it outside the table. */
  caption?: ComponentChildren;
  labelledBy?: string;
  columns: readonly Column<Row>[];
  rows: readonly Row[];
  /** Shown in place of the table when there are no rows. */
  empty?: ComponentChildren;
  class?: string;
  id?: string;
}

/** A table's header row of plain `scope=col` cells, for tables whose body is written by hand. */
export function TableHead({ heads }: { heads: readonly ComponentChildren[] }) {
  return (
    <thead>
      <tr>
        {heads.map((head) => (
          <th scope="col">{head}</th>
        ))}
      </tr>
    </thead>
  );
}

export function DataTable<Row>({ caption, labelledBy, columns, rows, empty, class: className, id }: DataTableProps<Row>) {
  if (rows.length === 0 && empty !== undefined) return <p class="empty">{empty}</p>;
  return (
    <div class="table-wrap">
      <table class={className} id={id} aria-labelledby={labelledBy}>
        {caption !== undefined && <caption>{caption}</caption>}
        <thead>
          <tr>
            {columns.map((c) => (
              <th scope="col" class={[c.numeric ? 'num' : '', c.class ?? ''].join(' ').trim() || undefined}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr>
              {columns.map((c) => {
                const cls = [c.numeric ? 'num' : '', c.class ?? '', c.cellClass?.(row) ?? ''].join(' ').trim() || undefined;
                return c.rowHeader ? (
                  <th scope="row" class={cls}>
                    {c.cell(row, i)}
                  </th>
                ) : (
                  <td class={cls}>{c.cell(row, i)}</td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
