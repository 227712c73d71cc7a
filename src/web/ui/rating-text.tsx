/** One rating as printed in a table cell: its code, its annotation marks, a colour class. */

export interface RatingMark {
  code: string;
  /** Annotation marks, e.g. ["※"]. */
  marks: readonly string[];
}

export function ratingClass(code: string): string {
  return /^[A-Za-z]+$/.test(code) ? `r-${code}` : 'r-na';
}

export function RatingText({ cell }: { cell: RatingMark | undefined }) {
  if (!cell) return <span class="r-na">{''}</span>;
  return (
    <span class={ratingClass(cell.code)}>
      {cell.code}
      {cell.marks.join('')}
    </span>
  );
}
