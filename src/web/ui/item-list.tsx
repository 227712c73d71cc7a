/** A list, or the sentence that says it is empty; the list screens and records of a page use it. */
import type { ComponentChildren } from 'preact';

export interface ItemListProps<T> {
  items: readonly T[];
  item: (x: T, index: number) => ComponentChildren;
  /** Said in place of the list when there is nothing; without it an empty list shows nothing. */
  empty?: ComponentChildren;
  /** A numbered list (an order that means something: history, results). */
  ordered?: boolean;
  class?: string;
}

export function ItemList<T>({ items, item, empty, ordered, class: className }: ItemListProps<T>) {
  if (items.length === 0) return empty === undefined ? null : <p>{empty}</p>;
  const entries = items.map((x, i) => <li>{item(x, i)}</li>);
  return ordered ? <ol class={className}>{entries}</ol> : <ul class={className}>{entries}</ul>;
}
