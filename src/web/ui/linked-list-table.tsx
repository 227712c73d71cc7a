/**
 * A list of records whose first column names each one and links to its page, as the
 * administrator's lists of accounts and departments are: a DataTable with that column
 * as the row header, the reader's preferences kept on the link. Knows no domain.
 */
import type { ComponentChildren } from 'preact';
import { withPreference } from '../layout.js';
import type { Preferences } from '../preferences.js';
import { type Column, DataTable } from './data-table.js';

/** The first column: its header, each record's name, and the path of the record's page. */
export interface NameColumn<Row> {
  header: ComponentChildren;
  name: (row: Row) => ComponentChildren;
  href: (row: Row) => string;
}

export interface LinkedListTableProps<Row> {
  prefs: Preferences;
  caption: ComponentChildren;
  rows: readonly Row[];
  first: NameColumn<Row>;
  /** The columns after the first. */
  rest: readonly Column<Row>[];
}

export function LinkedListTable<Row>({ prefs, caption, rows, first, rest }: LinkedListTableProps<Row>) {
  const nameColumn: Column<Row> = {
    header: first.header,
    rowHeader: true,
    cell: (row) => <a href={withPreference(first.href(row), prefs, {})}>{first.name(row)}</a>,
  };
  return <DataTable caption={caption} rows={rows} columns={[nameColumn, ...rest]} />;
}
