/**
 * Logical backup and restore of every hyoka table, the same on PGlite and PostgreSQL.
 *
 * A backup is gzip'd JSON lines, read in one REPEATABLE READ, READ ONLY transaction, so
 * it is one consistent snapshot even while the server writes:
 *   {"kind":"header", format, formatVersion, createdAt, engine, migrations}
 *   {"kind":"table", name, rows, sha256}  followed by `rows` lines, one row each (to_jsonb)
 *   {"kind":"sequences", values}
 *   {"kind":"end", tables}                the manifest again: a truncated file is refused
 * Rows are rendered by the database itself (to_jsonb, time zone UTC, sorted by their text
 * in the C collation), so the checksum of a table is the same on both engines and can be
 * recomputed after a restore to prove the store holds exactly what was saved.
 */
import { AppError } from '../errors.js';
import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Db, Queryable } from '../db/db.js';
import { loadMigrations, migrate, type Migration } from '../db/migrate.js';

export const BACKUP_FORMAT = 'hyoka-backup';
export const BACKUP_FORMAT_VERSION = 1;

export class BackupError extends AppError {
  override name = 'BackupError';
  constructor(message: string) {
    super(422, 'invalid-input', message);
  }
}

export interface TableDigest {
  rows: number;
  sha256: string;
}

export interface BackupHeader {
  kind: 'header';
  format: typeof BACKUP_FORMAT;
  formatVersion: number;
  createdAt: string;
  engine: Db['engine'];
  migrations: { version: string; name: string; checksum: string }[];
}

export interface SequenceValue {
  column: string;
  lastValue: string;
  isCalled: boolean;
}

export interface Backup {
  header: BackupHeader;
  /** Tables in load order (referenced tables first); each row is its to_jsonb text. */
  tables: { name: string; digest: TableDigest; rows: string[] }[];
  sequences: Record<string, SequenceValue>;
}

/** Every table the migrations create, in the order they create them. */
export function hyokaTableNames(migrations: Migration[] = loadMigrations()): string[] {
  const names: string[] = [];
  for (const m of migrations) {
    for (const match of m.sql.matchAll(/create table (?:if not exists )?([a-z_][a-z0-9_]*)/gi)) names.push(match[1]!.toLowerCase());
  }
  return names;
}

const ident = (name: string): string => {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new BackupError(`テーブル名が不正です: ${name}`);
  return `"${name}"`;
};

/** The hyoka tables present in the current schema, referenced tables before those referring to them. */
export async function tablesInLoadOrder(q: Queryable): Promise<string[]> {
  const wanted = hyokaTableNames();
  const present = new Set(
    (
      await q.query<{ name: string }>(
        `select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = current_schema() and c.relkind = 'r'`,
      )
    ).rows.map((r) => r.name),
  );
  const tables = wanted.filter((t) => present.has(t));
  const edges = (
    await q.query<{ child: string; parent: string }>(
      `select c.relname as child, p.relname as parent from pg_constraint k
         join pg_class c on c.oid = k.conrelid join pg_class p on p.oid = k.confrelid
         join pg_namespace n on n.oid = c.relnamespace
        where k.contype = 'f' and n.nspname = current_schema() and c.oid <> p.oid`,
    )
  ).rows;
  const order: string[] = [];
  const visiting = new Set<string>();
  const visit = (t: string) => {
    if (order.includes(t) || visiting.has(t)) return;
    visiting.add(t);
    for (const e of edges) if (e.child === t && tables.includes(e.parent)) visit(e.parent);
    visiting.delete(t);
    order.push(t);
  };
  for (const t of tables) visit(t);
  return order;
}

async function tableRows(q: Queryable, table: string, where = ''): Promise<string[]> {
  const r = await q.query<{ line: string }>(`select to_jsonb(t)::text as line from ${ident(table)} t ${where} order by to_jsonb(t)::text collate "C"`);
  return r.rows.map((row) => row.line);
}

function digestOf(rows: string[]): TableDigest {
  const hash = createHash('sha256');
  for (const row of rows) hash.update(row).update('\n');
  return { rows: rows.length, sha256: hash.digest('hex') };
}

/** Row count and checksum of each hyoka table, as a backup's manifest records them. `where` filters one table (tests). */
export async function storeDigests(db: Db, where: Record<string, string> = {}): Promise<Record<string, TableDigest>> {
  return db.transaction(async (tx) => {
    await tx.exec(`set transaction isolation level repeatable read, read only; set local timezone = 'UTC'`);
    const out: Record<string, TableDigest> = {};
    for (const table of await tablesInLoadOrder(tx)) out[table] = digestOf(await tableRows(tx, table, where[table] ?? ''));
    return out;
  });
}

async function identitySequences(q: Queryable): Promise<{ table: string; column: string; sequence: string }[]> {
  const r = await q.query<{ table: string; column: string; sequence: string }>(
    `select c.relname as table, a.attname as column, pg_get_serial_sequence(quote_ident(n.nspname) || '.' || quote_ident(c.relname), a.attname) as sequence
       from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = current_schema() and c.relkind = 'r' and a.attidentity <> '' and a.attnum > 0 and not a.attisdropped`,
  );
  const tables = new Set(hyokaTableNames());
  return r.rows.filter((s) => tables.has(s.table) && s.sequence);
}

/** Reads one consistent snapshot of every hyoka table. */
export async function createBackup(db: Db): Promise<Backup> {
  return db.transaction(async (tx) => {
    await tx.exec(`set transaction isolation level repeatable read, read only; set local timezone = 'UTC'`);
    const migrations = (
      await tx.query<{ version: string; name: string; checksum: string }>('select version, name, checksum from schema_migrations order by version')
    ).rows;
    const tables: Backup['tables'] = [];
    for (const name of await tablesInLoadOrder(tx)) {
      const rows = await tableRows(tx, name);
      tables.push({ name, digest: digestOf(rows), rows });
    }
    const sequences: Record<string, SequenceValue> = {};
    for (const s of await identitySequences(tx)) {
      const v = (await tx.query<{ last_value: string; is_called: boolean }>(`select last_value::text as last_value, is_called from ${s.sequence}`)).rows[0]!;
      sequences[s.table] = { column: s.column, lastValue: v.last_value, isCalled: v.is_called };
    }
    const header: BackupHeader = {
      kind: 'header',
      format: BACKUP_FORMAT,
      formatVersion: BACKUP_FORMAT_VERSION,
      createdAt: new Date().toISOString(),
      engine: db.engine,
      migrations,
    };
    return { header, tables, sequences };
  });
}

export function encodeBackup(backup: Backup): Buffer {
  const lines: string[] = [JSON.stringify(backup.header)];
  for (const t of backup.tables) {
    lines.push(JSON.stringify({ kind: 'table', name: t.name, ...t.digest }));
    lines.push(...t.rows);
  }
  lines.push(JSON.stringify({ kind: 'sequences', values: backup.sequences }));
  lines.push(JSON.stringify({ kind: 'end', tables: Object.fromEntries(backup.tables.map((t) => [t.name, t.digest])) }));
  return gzipSync(lines.join('\n') + '\n');
}

/** Parses and verifies a backup file: every table's row count and checksum, and the closing manifest. */
export function decodeBackup(data: Buffer): Backup {
  let text: string;
  try {
    text = gunzipSync(data).toString('utf8');
  } catch {
    throw new BackupError('バックアップファイルではありません（gzip として読めません）。');
  }
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  const parse = (i: number): Record<string, unknown> => {
    try {
      return JSON.parse(lines[i] ?? '') as Record<string, unknown>;
    } catch {
      throw new BackupError(`バックアップファイルの ${i + 1} 行目が読めません。`);
    }
  };
  const header = parse(0) as unknown as BackupHeader;
  if (header.kind !== 'header' || header.format !== BACKUP_FORMAT) throw new BackupError('hyoka のバックアップファイルではありません。');
  if (header.formatVersion !== BACKUP_FORMAT_VERSION) throw new BackupError(`このバージョンでは読めないバックアップ形式です: ${header.formatVersion}`);
  const tables: Backup['tables'] = [];
  let sequences: Record<string, SequenceValue> | undefined;
  let end: Record<string, TableDigest> | undefined;
  let i = 1;
  while (i < lines.length) {
    const meta = parse(i);
    i++;
    if (meta.kind === 'table') {
      const name = String(meta.name);
      const expected = { rows: Number(meta.rows), sha256: String(meta.sha256) };
      const rows = lines.slice(i, i + expected.rows);
      i += expected.rows;
      const actual = digestOf(rows);
      if (actual.rows !== expected.rows || actual.sha256 !== expected.sha256)
        throw new BackupError(`バックアップファイルが壊れています: テーブル ${name} のチェックサムが一致しません。`);
      tables.push({ name, digest: expected, rows });
    } else if (meta.kind === 'sequences') {
      sequences = meta.values as Record<string, SequenceValue>;
    } else if (meta.kind === 'end') {
      end = meta.tables as Record<string, TableDigest>;
      break;
    } else {
      throw new BackupError(`バックアップファイルの ${i} 行目が不正です。`);
    }
  }
  if (!end || !sequences) throw new BackupError('バックアップファイルが途中で切れています（末尾の目録がありません）。');
  for (const t of tables) {
    if (end[t.name]?.sha256 !== t.digest.sha256) throw new BackupError(`バックアップファイルの目録とテーブル ${t.name} が一致しません。`);
  }
  if (Object.keys(end).length !== tables.length) throw new BackupError('バックアップファイルの目録とテーブルの数が一致しません。');
  return { header, tables, sequences };
}

export interface RestoreResult {
  tables: number;
  rows: number;
  /** The store held data that --force replaced. */
  replaced: boolean;
}

/**
 * Loads a backup into the store in one transaction: nothing changes unless every table
 * ends up with exactly the saved rows (counts and checksums verified before commit).
 * A store that already holds data is refused unless `force`; then its rows are replaced —
 * which means emptying audit_log, whose trigger forbids exactly that. The trigger is
 * disabled only inside this transaction, and the replacement is itself appended to
 * audit_log (after verification), so the history says that it was rewritten, by whom and from what.
 */
export async function restoreBackup(db: Db, backup: Backup, options: { force?: boolean; actor: string }): Promise<RestoreResult> {
  const code = loadMigrations();
  const saved = backup.header.migrations;
  await migrateToBackupSchema(db, saved, code);
  const result = await db.transaction(async (tx) => {
    await tx.exec(`set local timezone = 'UTC'`);
    const tables = await tablesInLoadOrder(tx);
    checkSameTables(tables, backup);
    let existing = 0;
    for (const t of tables) existing += (await tx.query<{ n: number }>(`select count(*)::int as n from ${ident(t)}`)).rows[0]!.n;
    if (existing > 0 && !options.force) {
      throw new BackupError(`復元先のデータベースは空ではありません（${existing} 行）。内容をすべて置き換える場合は --force を付けてください。`);
    }
    const rowCount = await loadRows(tx, tables, backup, existing > 0);
    await restoreSequences(tx, backup);
    await verifyRestored(tx, backup);
    if (existing > 0) await recordReplacement(tx, backup, existing, options.actor);
    return { tables: backup.tables.length, rows: rowCount, replaced: existing > 0 };
  });
  if (saved.length < code.length) await migrate(db, code);
  return result;
}

/**
 * Brings the store to the backup's schema: the same migrations as the code, or, for an
 * older backup, only as far as it went (into an empty store; migrated forward after loading).
 */
async function migrateToBackupSchema(db: Db, saved: Backup['header']['migrations'], code: Migration[]): Promise<void> {
  const isPrefix = saved.length <= code.length && saved.every((m, i) => code[i]!.version === m.version);
  if (!isPrefix) {
    throw new BackupError(
      `バックアップのスキーマ（マイグレーション ${saved.map((m) => m.version).join(', ')}）はこのバージョンの hyoka と合いません。同じか新しいバージョンの hyoka で復元してください。`,
    );
  }
  const applied = await db
    .query<{ version: string }>('select version from schema_migrations order by version')
    .then((r) => r.rows.map((row) => row.version))
    .catch(() => [] as string[]);
  if (saved.length < code.length) {
    // An older backup: rows fit the schema as it was, so load them there and migrate forward afterwards.
    if (applied.length > saved.length) {
      throw new BackupError(
        `古いスキーマ（マイグレーション ${saved.at(-1)?.version ?? 'なし'} まで）のバックアップは、新しく作った空のデータベースにだけ復元できます。`,
      );
    }
    await migrate(db, code.slice(0, saved.length));
  } else {
    await migrate(db, code);
  }
}

function checkSameTables(tables: string[], backup: Backup): void {
  const inBackup = new Set(backup.tables.map((t) => t.name));
  const missing = tables.filter((t) => !inBackup.has(t));
  const unknown = backup.tables.filter((t) => !tables.includes(t.name)).map((t) => t.name);
  if (missing.length || unknown.length)
    throw new BackupError(
      `バックアップとデータベースのテーブルが一致しません（不足: ${missing.join(', ') || 'なし'}、不明: ${unknown.join(', ') || 'なし'}）。`,
    );
}

/** Empties the tables when `replace`, loads every saved row; returns how many. */
async function loadRows(tx: Queryable, tables: string[], backup: Backup, replace: boolean): Promise<number> {
  const list = tables.map(ident).join(', ');
  // Derived-value triggers (board versions) would rewrite restored rows; the append-only trigger would refuse the truncate.
  for (const t of tables) await tx.exec(`alter table ${ident(t)} disable trigger user`);
  if (replace) await tx.exec(`truncate ${list}`);
  let rowCount = 0;
  for (const t of backup.tables.slice().sort((a, b) => tables.indexOf(a.name) - tables.indexOf(b.name))) {
    // One statement per table: foreign keys are checked at its end, so rows referring to rows of
    // the same table (plan_items.parent_id, plans.predecessor_plan_id) load in any order.
    if (t.rows.length)
      await tx.query(`insert into ${ident(t.name)} overriding system value select * from jsonb_populate_recordset(null::${ident(t.name)}, $1::jsonb)`, [
        `[${t.rows.join(',')}]`,
      ]);
    rowCount += t.rows.length;
  }
  for (const t of tables) await tx.exec(`alter table ${ident(t)} enable trigger user`);
  return rowCount;
}

async function restoreSequences(tx: Queryable, backup: Backup): Promise<void> {
  for (const s of await identitySequences(tx)) {
    const savedValue = backup.sequences[s.table];
    const max = (await tx.query<{ m: string | null }>(`select max(${ident(s.column)})::text as m from ${ident(s.table)}`)).rows[0]!.m;
    // Never below the highest restored id, never below where the saved store had got to.
    const floor = BigInt(max ?? '0');
    const savedNext = savedValue ? BigInt(savedValue.lastValue) : 0n;
    if (savedValue && savedValue.isCalled === false && savedNext > floor) {
      await tx.query(`select setval($1, $2::bigint, false)`, [s.sequence, savedNext.toString()]);
    } else {
      const value = savedNext > floor ? savedNext : floor;
      if (value > 0n) await tx.query(`select setval($1, $2::bigint, true)`, [s.sequence, value.toString()]);
      else await tx.query(`select setval($1, 1, false)`, [s.sequence]);
    }
  }
}

/** Every table's rows and checksum as saved, or the whole restore is rolled back. */
async function verifyRestored(tx: Queryable, backup: Backup): Promise<void> {
  for (const t of backup.tables) {
    const now = digestOf(await tableRows(tx, t.name));
    if (now.rows !== t.digest.rows || now.sha256 !== t.digest.sha256) {
      throw new BackupError(
        `復元後のテーブル ${t.name} がバックアップと一致しません（${now.rows} 行 / バックアップ ${t.digest.rows} 行）。変更は取り消しました。`,
      );
    }
  }
}

/** The audit entry saying the store's rows were replaced, by whom and from what. */
async function recordReplacement(tx: Queryable, backup: Backup, existing: number, actor: string): Promise<void> {
  await tx.query(`insert into audit_log (actor, action, entity, before, after) values ($1, 'store.restore', 'store', $2::jsonb, $3::jsonb)`, [
    actor,
    JSON.stringify({ rows: existing }),
    JSON.stringify({
      backupCreatedAt: backup.header.createdAt,
      engine: backup.header.engine,
      tables: Object.fromEntries(backup.tables.map((t) => [t.name, t.digest.rows])),
    }),
  ]);
}
