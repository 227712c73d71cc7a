/**
 * One row of a table of figures by year: the row's name, then a right-aligned cell a year.
 * The summary tables of the plan pages and of the report are made of these rows.
 */
import type { ComponentChildren } from 'preact';

export interface YearRowProps<Y> {
  head: ComponentChildren;
  years: readonly Y[];
  value: (year: Y) => ComponentChildren;
  /** `data-code` of the row, where a reader of the output looks rows up by it. */
  code?: string;
  /** The row name's tooltip (a rating code's criteria). */
  title?: string;
}

export function YearRow<Y>({ head, years, value, code, title }: YearRowProps<Y>) {
  return (
    <tr data-code={code}>
      <th scope="row" title={title}>
        {head}
      </th>
      {years.map((y) => (
        <td class="num">{value(y)}</td>
      ))}
    </tr>
  );
}
