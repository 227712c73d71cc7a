/**
 * The administrator's web import under /admin/imports: upload (multipart) → preview of
 * what would be stored (the `--dry-run` facts) → confirm, all or nothing and audited.
 * The upload waits server-side (upload-store.ts) so confirming sends no file again.
 * Multipart is registered in this plugin's scope only: no other route accepts files.
 * Each handler is a named function over the scope they share (ImportScope).
 */
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../web/context.js';
import { isAppError } from '../errors.js';
import { parseInput, type FieldErrors } from '../web/forms.js';
import { renderPage, withPreference } from '../web/layout.js';
import { guardedRoute, sendPage } from '../auth/guard.js';
import type { SessionUser } from '../auth/sessions.js';
import { describePlace, ImportSourceError, type ImportedPlan } from './imported-plan.js';
import { previewImportedPlan } from './dry-run.js';
import { readPlanBytes } from './import-plan.js';
import { storeImportedPlan } from './store-plan.js';
import { findUpload, type ImportUpload, planNameOfSlug } from './upload-queries.js';
import { defaultPlanSlug } from './report-facts.js';
import { deleteUpload, discardUpload, saveUpload, UPLOAD_LIFETIME_MINUTES } from './upload-store.js';
import { importPageQuerySchema, type UploadedFile, uploadFormSchema, uploadParamsSchema } from './import-schema.js';
import { t } from './messages.js';
import { type ImportProblem, ImportPage } from './pages/import-page.js';
import { ImportPreviewPage } from './pages/import-preview-page.js';

export interface ImportRouteOptions {
  ctx: AppContext;
  maxMb: number;
}

/** A file that cannot be read, as the rows of the problem table; anything else is not the user's to fix. */
function problemsOf(error: unknown): ImportProblem[] | undefined {
  if (error instanceof ImportSourceError) return error.problems.map((p) => ({ ...(p.place ? { place: describePlace(p.place) } : {}), message: p.message }));
  if (isAppError(error, 'invalid-input') || isAppError(error, 'parse-error')) return [{ message: error.message }];
  return undefined;
}

async function readUpload(upload: ImportUpload): Promise<ImportedPlan> {
  const { plan } = await readPlanBytes(upload.bytes, upload.fileName, {
    mappingText: upload.mappingText,
    mappingName: upload.mappingName,
    encoding: upload.encoding,
  });
  return plan;
}

/** What the handlers share: the context, the size limit, the form and the upload lookup. */
interface ImportScope {
  ctx: AppContext;
  maxMb: number;
}

interface FormView {
  values?: { encoding: string; slug: string };
  errors?: FieldErrors;
  problems?: ImportProblem[];
  notice?: string;
  status?: number;
}

function showForm(scope: ImportScope, req: FastifyRequest, reply: FastifyReply, view: FormView) {
  const page = (
    <ImportPage
      prefs={req.prefs}
      auth={req.auth!}
      maxMb={scope.maxMb}
      values={view.values ?? { encoding: '', slug: '' }}
      errors={view.errors ?? {}}
      problems={view.problems}
      notice={view.notice}
    />
  );
  return sendPage(reply, renderPage(page), view.status ?? 200);
}

/** The user's pending upload named by :uploadId, or undefined (unknown, expired, confirmed, someone else's). */
async function uploadOf(scope: ImportScope, req: FastifyRequest, user: SessionUser): Promise<ImportUpload | undefined> {
  const params = parseInput(uploadParamsSchema, req.params);
  return params.ok ? findUpload(scope.ctx.db, params.value.uploadId, user.id) : undefined;
}

const expired = (req: FastifyRequest, reply: FastifyReply) => reply.redirect(withPreference('/admin/imports?expired=1', req.prefs, {}), 303);

/** Multipart for this plugin's scope: at most two files, each cut short and marked when over the limit. */
async function acceptUploads(app: FastifyInstance, maxMb: number): Promise<void> {
  const maxBytes = Math.floor(maxMb * 1024 * 1024);
  await app.register(multipart, {
    attachFieldsToBody: 'keyValues',
    // A file over the limit is cut short and marked (a message beside its field), not a bare 413.
    throwFileSizeLimit: false,
    limits: { fileSize: maxBytes, files: 2, fields: 10, parts: 12 },
    // Keep the browser's file name beside the bytes.
    async onFile(part) {
      const bytes = new Uint8Array(await part.toBuffer());
      const file: UploadedFile = part.file.truncated
        ? { fileName: part.filename, bytes: new Uint8Array(0), tooLarge: true }
        : { fileName: part.filename, bytes };
      (part as unknown as { value: UploadedFile }).value = file;
    },
  });
}

/** POST /admin/imports: the file is read once (its problems shown with the form), then kept as a pending upload. */
async function receiveUpload(scope: ImportScope, req: FastifyRequest, reply: FastifyReply, user: SessionUser) {
  const lang = req.prefs.lang;
  const body = req.body as Record<string, unknown> | undefined;
  const form = parseInput(uploadFormSchema, body, lang);
  const typed = { encoding: typeof body?.encoding === 'string' ? body.encoding : '', slug: typeof body?.slug === 'string' ? body.slug : '' };
  if (!form.ok) return showForm(scope, req, reply, { values: typed, errors: form.errors, status: 422 });
  const { file, mapping, encoding, slug } = form.value;
  const errors: FieldErrors = {};
  if (!file) errors.file = t(lang, 'chooseFile');
  else if (file.tooLarge) errors.file = t(lang, 'tooLarge', { max: scope.maxMb });
  if (mapping?.tooLarge) errors.mapping = t(lang, 'tooLarge', { max: scope.maxMb });
  let mappingText: string | undefined;
  if (mapping && !mapping.tooLarge) {
    try {
      mappingText = new TextDecoder('utf-8', { fatal: true }).decode(mapping.bytes);
    } catch {
      errors.mapping = t(lang, 'mappingNotText');
    }
  }
  if (!file || Object.keys(errors).length) return showForm(scope, req, reply, { values: typed, errors, status: 422 });
  const pending = {
    fileName: file.fileName,
    bytes: file.bytes,
    mappingName: mapping?.fileName,
    mappingText,
    encoding: encoding || undefined,
    slug: slug || undefined,
  };
  try {
    await readPlanBytes(pending.bytes, pending.fileName, pending);
  } catch (error) {
    const problems = problemsOf(error);
    if (!problems) throw error;
    return showForm(scope, req, reply, { values: typed, problems, status: 422 });
  }
  const id = await saveUpload(scope.ctx.db, { userId: user.id, ...pending }, user.login);
  return reply.redirect(withPreference(`/admin/imports/${id}`, req.prefs, {}), 303);
}

/** GET /admin/imports/:uploadId: what confirming would store, and under which slug. */
async function previewUpload(scope: ImportScope, req: FastifyRequest, reply: FastifyReply, user: SessionUser) {
  const upload = await uploadOf(scope, req, user);
  if (!upload) return expired(req, reply);
  const plan = await readUpload(upload);
  const preview = previewImportedPlan(plan);
  // The slug storeImportedPlan will use: the one typed, the file's own, or one made from the name.
  const slug = upload.slug ?? plan.plan.slug ?? defaultPlanSlug(plan.plan.name);
  const target = { slug, existingName: await planNameOfSlug(scope.ctx.db, slug) };
  const page = (
    <ImportPreviewPage
      prefs={req.prefs}
      auth={req.auth!}
      uploadId={upload.id}
      fileName={upload.fileName}
      preview={preview}
      target={target}
      lifetimeMinutes={UPLOAD_LIFETIME_MINUTES}
    />
  );
  return sendPage(reply, renderPage(page));
}

/** POST /admin/imports/:uploadId/confirm: stores the plan and removes the upload in one transaction. */
async function confirmUpload(scope: ImportScope, req: FastifyRequest, reply: FastifyReply, user: SessionUser) {
  const upload = await uploadOf(scope, req, user);
  if (!upload) return expired(req, reply);
  let stored: { slug: string };
  try {
    const plan = await readUpload(upload);
    stored = await storeImportedPlan(scope.ctx.db, plan, {
      reader: 'web',
      actor: user.login,
      ...(upload.slug ? { slug: upload.slug } : {}),
      // Confirming twice (two tabs, a double click) stores once: the second finds no upload and rolls back.
      alsoInTransaction: async (tx) => {
        if (!(await deleteUpload(tx, upload.id))) throw new ImportSourceError([{ message: t(req.prefs.lang, 'expired') }]);
      },
    });
  } catch (error) {
    const problems = problemsOf(error);
    if (!problems) throw error;
    return showForm(scope, req, reply, { problems, status: 422 });
  }
  return reply.redirect(withPreference(`/plans/${encodeURIComponent(stored.slug)}`, req.prefs, {}), 303);
}

export async function importRoutes(app: FastifyInstance, { ctx, maxMb }: ImportRouteOptions): Promise<void> {
  await acceptUploads(app, maxMb);
  const scope: ImportScope = { ctx, maxMb };
  guardedRoute(app, 'GET', '/admin/imports', ['importPlans'], async (req, reply) => {
    const query = parseInput(importPageQuerySchema, req.query);
    return showForm(scope, req, reply, query.ok && query.value.expired ? { notice: t(req.prefs.lang, 'expired') } : {});
  });
  guardedRoute(app, 'POST', '/admin/imports', ['importPlans'], (req, reply, user) => receiveUpload(scope, req, reply, user));
  guardedRoute(app, 'GET', '/admin/imports/:uploadId', ['importPlans'], (req, reply, user) => previewUpload(scope, req, reply, user));
  guardedRoute(app, 'POST', '/admin/imports/:uploadId/confirm', ['importPlans'], (req, reply, user) => confirmUpload(scope, req, reply, user));
  guardedRoute(app, 'POST', '/admin/imports/:uploadId/discard', ['importPlans'], async (req, reply, user) => {
    const upload = await uploadOf(scope, req, user);
    if (upload) await discardUpload(ctx.db, upload.id, user.login);
    return reply.redirect(withPreference('/admin/imports', req.prefs, {}), 303);
  });
}
