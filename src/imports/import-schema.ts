/**
 * The web import's forms. The upload arrives as multipart: files become
 * `{ fileName, bytes }` (import-routes.tsx reads them so), other fields are strings.
 */
import { z } from 'zod';
import { formText } from '../web/forms.js';

export interface UploadedFile {
  fileName: string;
  bytes: Uint8Array;
  /** The file went over HYOKA_IMPORT_MAX_MB; its bytes were not kept. */
  tooLarge?: boolean;
}

const isUploadedFile = (v: unknown): v is UploadedFile =>
  typeof v === 'object' && v !== null && typeof (v as UploadedFile).fileName === 'string' && (v as UploadedFile).bytes instanceof Uint8Array;

/** A file field left empty arrives as a file with no name and no bytes, or not at all. */
const optionalFile = z.preprocess(
  (v) => (isUploadedFile(v) && (v.fileName !== '' || v.bytes.length > 0) ? v : undefined),
  z.custom<UploadedFile>(isUploadedFile).optional(),
);

export const ENCODING_CHOICES = ['', 'utf-8', 'shift_jis', 'utf-16le', 'utf-16be'] as const;

export const uploadFormSchema = z.object({
  file: optionalFile,
  mapping: optionalFile,
  encoding: formText(20).pipe(z.enum(ENCODING_CHOICES)),
  slug: formText(100)
    .transform((v) => v.trim())
    .pipe(z.string().regex(/^([a-z0-9][a-z0-9-]*)?$/, { error: '英小文字・数字・ハイフンで書いてください（空欄なら計画名から作ります）' })),
});

export type UploadForm = z.output<typeof uploadFormSchema>;

export const uploadParamsSchema = z.object({ uploadId: z.string().regex(/^[A-Za-z0-9_-]{10,64}$/) });

export const importPageQuerySchema = z.object({ expired: formText(5).optional() });
