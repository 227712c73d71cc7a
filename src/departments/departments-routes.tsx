/** The administrator's department screens under /admin/departments. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { AppContext } from '../web/context.js';
import { notFound } from '../errors.js';
import { fieldErrorOf, parseInput, savedNotice, type FieldErrors } from '../web/forms.js';
import { renderPage } from '../web/layout.js';
import type { Lang } from '../web/preferences.js';
import { guardedRoute, sendPage } from '../auth/guard.js';
import { findDepartment, listDepartments, listLeaves, type DepartmentRow } from './departments-queries.js';
import { assignItem, createDepartment, renameDepartment } from './departments-store.js';
import { assignItemSchema, departmentPageQuerySchema, departmentParamsSchema, newDepartmentSchema, renameDepartmentSchema } from './departments-schema.js';
import { t } from './messages.js';
import { DepartmentListPage } from './pages/department-list-page.js';
import { DepartmentPage } from './pages/department-page.js';

/** The department a route's :departmentId names; anything else is a 404. */
async function departmentOf(ctx: AppContext, req: FastifyRequest): Promise<DepartmentRow> {
  const params = parseInput(departmentParamsSchema, req.params);
  const department = params.ok ? await findDepartment(ctx.db, params.value.departmentId) : undefined;
  if (!department) throw notFound('課が見つかりません。');
  return department;
}

/** A department's page, with the errors of a refused form and the name as typed. */
async function showDepartment(
  ctx: AppContext,
  req: FastifyRequest,
  reply: FastifyReply,
  department: DepartmentRow,
  errors: FieldErrors = {},
  status = 200,
  name?: string,
) {
  const notice = savedNotice(departmentPageQuerySchema, req.query, t(req.prefs.lang, 'saved'));
  const page = (
    <DepartmentPage
      prefs={req.prefs}
      auth={req.auth!}
      department={department}
      leaves={await listLeaves(ctx.db)}
      name={name ?? department.name}
      errors={errors}
      notice={notice}
    />
  );
  return sendPage(reply, renderPage(page), status);
}

/** A form posted from a department's page. */
interface DepartmentForm<S extends z.ZodType> {
  url: string;
  schema: (lang: Lang) => S;
  /** The field a refusal of the store is shown beside. */
  field: string;
  write: (department: DepartmentRow, value: z.output<S>, login: string) => Promise<unknown>;
  /** The name as typed, shown again with a refusal (else the stored name). */
  typedName?: (value: z.output<S>) => string;
}

/** Registers a department form: parsed, written, then back to the page; a refusal is shown on the page beside its field. */
function registerDepartmentForm<S extends z.ZodType>(app: FastifyInstance, ctx: AppContext, { url, schema, field, write, typedName }: DepartmentForm<S>): void {
  guardedRoute(app, 'POST', url, ['manageDepartments'], async (req, reply, user) => {
    const department = await departmentOf(ctx, req);
    const form = parseInput(schema(req.prefs.lang), req.body, req.prefs.lang);
    if (!form.ok) return showDepartment(ctx, req, reply, department, form.errors, 422);
    try {
      await write(department, form.value, user.login);
    } catch (error) {
      const errors = fieldErrorOf(error, field);
      if (!errors) throw error;
      return showDepartment(ctx, req, reply, department, errors, 422, typedName?.(form.value));
    }
    return reply.redirect(`/admin/departments/${department.id}?saved=1`, 303);
  });
}

export function registerDepartmentRoutes(app: FastifyInstance, ctx: AppContext): void {
  const showDepartments = async (req: FastifyRequest, reply: FastifyReply, values: { code: string; name: string }, errors: FieldErrors, status = 200) =>
    sendPage(
      reply,
      renderPage(<DepartmentListPage prefs={req.prefs} auth={req.auth!} departments={await listDepartments(ctx.db)} values={values} errors={errors} />),
      status,
    );

  guardedRoute(app, 'GET', '/admin/departments', ['manageDepartments'], async (req, reply) => showDepartments(req, reply, { code: '', name: '' }, {}));

  guardedRoute(app, 'POST', '/admin/departments', ['manageDepartments'], async (req, reply, user) => {
    const form = parseInput(newDepartmentSchema, req.body, req.prefs.lang);
    if (!form.ok) return showDepartments(req, reply, { code: '', name: '' }, form.errors, 422);
    try {
      const id = await createDepartment(ctx.db, form.value.code, form.value.name, user.login);
      return reply.redirect(`/admin/departments/${id}?saved=1`, 303);
    } catch (error) {
      const errors = fieldErrorOf(error, 'name');
      if (!errors) throw error;
      return showDepartments(req, reply, form.value, errors, 422);
    }
  });

  guardedRoute(app, 'GET', '/admin/departments/:departmentId', ['manageDepartments'], async (req, reply) =>
    showDepartment(ctx, req, reply, await departmentOf(ctx, req)),
  );

  registerDepartmentForm(app, ctx, {
    url: '/admin/departments/:departmentId',
    schema: () => renameDepartmentSchema,
    field: 'name',
    write: (department, value, login) => renameDepartment(ctx.db, department.id, value.name, login),
    typedName: (value) => value.name,
  });
  registerDepartmentForm(app, ctx, {
    url: '/admin/departments/:departmentId/items',
    schema: assignItemSchema,
    field: 'itemId',
    write: (department, value, login) => assignItem(ctx.db, department.id, value.itemId, login),
  });
}
