/**
 * The administrator's web import under /admin/imports: upload (multipart) → preview of
 * what would be stored (the `--dry-run` facts) → confirm, all or nothing and audited.
 * The upload waits server-side (upload-store.ts) so confirming sends no file again.
 * Multipart is registered in this plugin's scope only: no other route accepts files.
 * importRoutes runs over 80 lines: five short handlers sharing that scope, the form
 * renderer and the upload lookup.
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

export async function importRoutes(app: FastifyInstance, { ctx, maxMb }: ImportRouteOptions): Promise<void> {
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

  const showForm = (
    req: FastifyRequest,
    reply: FastifyReply,
    view: { values?: { encoding: string; slug: string }; errors?: FieldErrors; problems?: ImportProblem[]; notice?: string; status?: number },
  ) =>
    sendPage(
      reply,
      renderPage(
        <ImportPage
          prefs={req.prefs}
          auth={req.auth!}
          maxMb={maxMb}
          values={view.values ?? { encoding: '', slug: '' }}
          errors={view.errors ?? {}}
          problems={view.problems}
          notice={view.notice}
        />,
      ),
      view.status ?? 200,
    );

  /** The user's pending upload named by :uploadId, or undefined (unknown, expired, confirmed, someone else's). */
  const uploadOf = async (req: FastifyRequest, user: SessionUser) => {
    const params = parseInput(uploadParamsSchema, req.params);
    return params.ok ? findUpload(ctx.db, params.value.uploadId, user.id) : undefined;
  };
  const expired = (req: FastifyRequest, reply: FastifyReply) => reply.redirect(withPreference('/admin/imports?expired=1', req.prefs, {}), 303);

  guardedRoute(app, 'GET', '/admin/imports', ['importPlans'], async (req, reply) => {
    const query = parseInput(importPageQuerySchema, req.query);
    return showForm(req, reply, query.ok && query.value.expired ? { notice: t(req.prefs.lang, 'expired') } : {});
  });

  guardedRoute(app, 'POST', '/admin/imports', ['importPlans'], async (req, reply, user) => {
    const lang = req.prefs.lang;
    const form = parseInput(uploadFormSchema, req.body, lang);
    const typed = { encoding: typeof req.body?.encoding === 'string' ? req.body.encoding : '', slug: typeof req.body?.slug === 'string' ? req.body.slug : '' };
    if (!form.ok) return showForm(req, reply, { values: typed, errors: form.errors, status: 422 });
    const { file, mapping, encoding, slug } = form.value;
    const errors: FieldErrors = {};
    if (!file) errors.file = t(lang, 'chooseFile');
    else if (file.tooLarge) errors.file = t(lang, 'tooLarge', { max: maxMb });
    if (mapping?.tooLarge) errors.mapping = t(lang, 'tooLarge', { max: maxMb });
    let mappingText: string | undefined;
    if (mapping && !mapping.tooLarge) {
      try {
        mappingText = new TextDecoder('utf-8', { fatal: true }).decode(mapping.bytes);
      } catch {
        errors.mapping = t(lang, 'mappingNotText');
      }
    }
    if (!file || Object.keys(errors).length) return showForm(req, reply, { values: typed, errors, status: 422 });
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
      return showForm(req, reply, { values: typed, problems, status: 422 });
    }
    const id = await saveUpload(ctx.db, { userId: user.id, ...pending }, user.login);
    return reply.redirect(withPreference(`/admin/imports/${id}`, req.prefs, {}), 303);
  });

  guardedRoute(app, 'GET', '/admin/imports/:uploadId', ['importPlans'], async (req, reply, user) => {
    const upload = await uploadOf(req, user);
    if (!upload) return expired(req, reply);
    const plan = await readUpload(upload);
    const preview = previewImportedPlan(plan);
    // The slug storeImportedPlan will use: the one typed, the file's own, or one made from the name.
    const slug = upload.slug ?? plan.plan.slug ?? defaultPlanSlug(plan.plan.name);
    const target = { slug, existingName: await planNameOfSlug(ctx.db, slug) };
    return sendPage(
      reply,
      renderPage(
        <ImportPreviewPage
          prefs={req.prefs}
          auth={req.auth!}
          uploadId={upload.id}
          fileName={upload.fileName}
          preview={preview}
          target={target}
          lifetimeMinutes={UPLOAD_LIFETIME_MINUTES}
        />,
      ),
    );
  });

  guardedRoute(app, 'POST', '/admin/imports/:uploadId/confirm', ['importPlans'], async (req, reply, user) => {
    const upload = await uploadOf(req, user);
    if (!upload) return expired(req, reply);
    let stored: { slug: string };
    try {
      const plan = await readUpload(upload);
      stored = await storeImportedPlan(ctx.db, plan, {
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
      return showForm(req, reply, { problems, status: 422 });
    }
    return reply.redirect(withPreference(`/plans/${encodeURIComponent(stored.slug)}`, req.prefs, {}), 303);
  });

  guardedRoute(app, 'POST', '/admin/imports/:uploadId/discard', ['importPlans'], async (req, reply, user) => {
    const upload = await uploadOf(req, user);
    if (upload) await discardUpload(ctx.db, upload.id, user.login);
    return reply.redirect(withPreference('/admin/imports', req.prefs, {}), 303);
  });
}
