/**
 * Pending uploads of the web import: the file (and its mapping) an administrator sent
 * for a preview, kept until they confirm or it expires. Saving is audited like every
 * write; the confirmed import deletes its upload inside the import's own transaction
 * (store-plan.ts `alsoInTransaction`), so a plan is never stored twice from one upload.
 */
import { randomBytes } from 'node:crypto';
import { recordAudit } from '../audit/audit-log.js';
import type { Db, Queryable } from '../db/db.js';

/** How long a preview can be confirmed. */
export const UPLOAD_LIFETIME_MINUTES = 60;

export interface NewUpload {
  userId: number;
  fileName: string;
  bytes: Uint8Array;
  mappingName?: string | undefined;
  mappingText?: string | undefined;
  encoding?: string | undefined;
  slug?: string | undefined;
}

/** Stores the upload (and drops every expired one); returns its id, an unguessable token. */
export async function saveUpload(db: Db, upload: NewUpload, actor: string): Promise<string> {
  const id = randomBytes(18).toString('base64url');
  await db.transaction(async (tx) => {
    await tx.query('delete from import_uploads where expires_at < now()');
    await tx.query(
      `insert into import_uploads (id, user_id, file_name, bytes, mapping_name, mapping_text, encoding, slug, expires_at)
       values ($1, $2, $3, decode($4, 'base64'), $5, $6, $7, $8, now() + make_interval(mins => $9))`,
      [
        id,
        upload.userId,
        upload.fileName,
        Buffer.from(upload.bytes).toString('base64'),
        upload.mappingName ?? null,
        upload.mappingText ?? null,
        upload.encoding ?? null,
        upload.slug ?? null,
        UPLOAD_LIFETIME_MINUTES,
      ],
    );
    await recordAudit(tx, {
      actor,
      action: 'upload',
      entity: 'import-upload',
      entityId: id,
      after: {
        file: upload.fileName,
        bytes: upload.bytes.length,
        mapping: upload.mappingName ?? null,
        encoding: upload.encoding ?? null,
        slug: upload.slug ?? null,
      },
    });
  });
  return id;
}

/** Removes an upload inside the caller's transaction; false when it was already gone (confirmed twice). */
export async function deleteUpload(tx: Queryable, id: string): Promise<boolean> {
  const r = await tx.query('delete from import_uploads where id = $1', [id]);
  return (r.rowCount ?? 0) > 0;
}

/** The administrator's "cancel": the upload goes, audited. */
export async function discardUpload(db: Db, id: string, actor: string): Promise<void> {
  await db.transaction(async (tx) => {
    if (await deleteUpload(tx, id)) await recordAudit(tx, { actor, action: 'discard', entity: 'import-upload', entityId: id });
  });
}
