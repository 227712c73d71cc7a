/** Reads a pending upload of the web import (upload-store.ts writes them). */
import type { Queryable } from '../db/db.js';

export interface ImportUpload {
  id: string;
  userId: number;
  fileName: string;
  bytes: Uint8Array;
  mappingName: string | null;
  mappingText: string | null;
  encoding: string | null;
  slug: string | null;
  expiresAt: Date;
}

/** The name of the plan stored under a slug, if any: the preview says whether confirming adds or updates. */
export async function planNameOfSlug(db: Queryable, slug: string): Promise<string | undefined> {
  const r = await db.query<{ name: string }>('select name from plans where slug = $1', [slug]);
  return r.rows[0]?.name;
}

/** The upload of this user, unless it expired; another user's upload is never returned. */
export async function findUpload(db: Queryable, id: string, userId: number): Promise<ImportUpload | undefined> {
  const r = await db.query<{
    id: string;
    user_id: number;
    file_name: string;
    bytes: string;
    mapping_name: string | null;
    mapping_text: string | null;
    encoding: string | null;
    slug: string | null;
    expires_at: Date;
  }>(
    `select id, user_id, file_name, encode(bytes, 'base64') as bytes, mapping_name, mapping_text, encoding, slug, expires_at
       from import_uploads where id = $1 and user_id = $2 and expires_at >= now()`,
    [id, userId],
  );
  const row = r.rows[0];
  if (!row) return undefined;
  return {
    id: row.id,
    userId: row.user_id,
    fileName: row.file_name,
    // encode(…, 'base64') wraps lines every 76 characters; Buffer ignores the newlines.
    bytes: new Uint8Array(Buffer.from(row.bytes, 'base64')),
    mappingName: row.mapping_name,
    mappingText: row.mapping_text,
    encoding: row.encoding,
    slug: row.slug,
    expiresAt: new Date(row.expires_at),
  };
}
