/**
 * The ratings grid: one row per sub-item, one column per fiscal year, rows grouped
 * under their parent (the parent's cell spans its rows, as merged cells do in the
 * printed report). Callers pass plain rows; links and badges are theirs to render.
 */
import type { ComponentChildren } from 'preact';
import { fiscalYearLabel, type EraStyle } from '../../fiscal/fiscal-year.js';
import { RatingText, ratingClass, type RatingMark } from './rating-text.js';

export interface RatingGridRow {
  /** What names the row (a link, a name with a badge…). */
  header: ComponentChildren;
  /** Cells of the extra columns, in the order of `extraColumns`. */
  extra?: readonly ComponentChildren[];
  ratings: ReadonlyMap<number, RatingMark>;
}

export interface RatingGridGroup {
  header: ComponentChildren;
  rows: readonly RatingGridRow[];
}

export interface RatingGridProps {
  caption: ComponentChildren;
  groupColumn: string;
  rowColumn: string;
  /** Headers of columns between the row name and the years (e.g. the department). */
  extraColumns?: readonly string[];
  fiscalYears: readonly number[];
  era: EraStyle;
  groups: readonly RatingGridGroup[];
}

export function RatingGrid({ caption, groupColumn, rowColumn, extraColumns = [], fiscalYears, era, groups }: RatingGridProps) {
  return (
    <div class="table-wrap">
      <table class="ratings">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{groupColumn}</th>
            <th scope="col">{rowColumn}</th>
            {extraColumns.map((header) => (
              <th scope="col">{header}</th>
            ))}
            {fiscalYears.map((fy) => (
              <th scope="col" class="num">
                {fiscalYearLabel(fy, era)}
              </th>
            ))}
          </tr>
        </thead>
        {groups.map((group) => (
          <tbody>
            {group.rows.map((row, i) => (
              <tr>
                {i === 0 && (
                  <th scope="rowgroup" rowSpan={group.rows.length}>
                    {group.header}
                  </th>
                )}
                <th scope="row">{row.header}</th>
                {(row.extra ?? []).map((cell) => (
                  <td>{cell}</td>
                ))}
                {fiscalYears.map((fy) => {
                  const cell = row.ratings.get(fy);
                  return (
                    <td class={`rating ${cell ? ratingClass(cell.code) : ''}`}>
                      <RatingText cell={cell} />
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        ))}
      </table>
    </div>
  );
}
