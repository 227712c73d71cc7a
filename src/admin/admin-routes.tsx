/** Routes for administrators: users and departments. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../web/context.js';
import { renderPage } from '../web/layout.js';
import { AccountError, createUser, findUser, listUsers, resetPassword, updateUser } from '../auth/accounts.js';
import { field, fields, guardedRoute, idParam, notFound, sendPage } from '../auth/guard.js';
import { generateInitialPassword } from '../auth/password.js';
import { unlockLogin } from '../auth/sign-in-throttle.js';
import { isRole } from '../auth/roles.js';
import { tr } from '../auth/shell.js';
import { DepartmentError, assignItem, createDepartment, listDepartments, listLeaves, renameDepartment } from './departments.js';
import { DepartmentPage, DepartmentsPage, UserPage, UsersPage, type UserFormValues } from './admin-pages.js';

type Req = FastifyRequest<{ Params: Record<string, string>; Body: Record<string, unknown>; Querystring: Record<string, string | undefined> }>;

function userValues(body: Record<string, unknown>): UserFormValues {
  return {
    login: field(body, 'login').trim().toLowerCase(),
    displayName: field(body, 'displayName'),
    email: field(body, 'email').trim(),
    roles: fields(body, 'roles').filter(isRole),
    departmentIds: fields(body, 'departmentIds').map(Number).filter((n) => Number.isInteger(n) && n > 0),
    disabled: field(body, 'disabled') === '1',
  };
}

export function registerAdminRoutes(app: FastifyInstance, ctx: AppContext): void {
  const showUsers = async (req: Req, reply: FastifyReply, values: UserFormValues, errors: Record<string, string>, status = 200, created?: { login: string; password: string }) => {
    const [users, departments] = await Promise.all([listUsers(ctx.db), listDepartments(ctx.db)]);
    return sendPage(reply, renderPage(<UsersPage prefs={req.prefs} auth={req.auth!} path="/admin/users" users={users} departments={departments} values={values} errors={errors} {...(created ? { created } : {})} />), status);
  };
  const empty: UserFormValues = { login: '', displayName: '', email: '', roles: [], departmentIds: [] };

  guardedRoute(app, 'GET', '/admin/users', ['manageUsers'], async (req, reply) => showUsers(req, reply, empty, {}));

  guardedRoute(app, 'POST', '/admin/users', ['manageUsers'], async (req, reply, user) => {
    const values = userValues(req.body);
    const password = await generateInitialPassword(values.login);
    try {
      await createUser(ctx.db, { login: values.login, displayName: values.displayName, email: values.email || null, roles: values.roles, departmentIds: values.departmentIds, password }, user.login);
    } catch (error) {
      if (!(error instanceof AccountError)) throw error;
      return showUsers(req, reply, values, { [error.field ?? 'login']: error.message }, 422);
    }
    return showUsers(req, reply, empty, {}, 201, { login: values.login, password });
  });

  const showUser = async (req: Req, reply: FastifyReply, userId: number, view: { values?: UserFormValues; errors?: Record<string, string>; status?: number; newPassword?: string } = {}) => {
    const target = await findUser(ctx.db, userId);
    if (!target) return notFound(req, reply);
    const departments = await listDepartments(ctx.db);
    const values = view.values ?? { login: target.login, displayName: target.displayName, email: target.email ?? '', roles: target.roles, departmentIds: target.departmentIds, disabled: target.disabled };
    const notice = req.query.saved ? tr(req.prefs, '保存しました。', 'Saved.') : undefined;
    return sendPage(
      reply,
      renderPage(<UserPage prefs={req.prefs} auth={req.auth!} path={`/admin/users/${userId}`} user={target} departments={departments} values={values} errors={view.errors ?? {}} {...(notice ? { notice } : {})} {...(view.newPassword ? { newPassword: view.newPassword } : {})} />),
      view.status ?? 200,
    );
  };

  guardedRoute(app, 'GET', '/admin/users/:userId', ['manageUsers'], async (req, reply) => {
    const id = idParam(req.params.userId);
    return id === undefined ? notFound(req, reply) : showUser(req, reply, id);
  });

  guardedRoute(app, 'POST', '/admin/users/:userId', ['manageUsers'], async (req, reply, user) => {
    const id = idParam(req.params.userId);
    if (id === undefined || !(await findUser(ctx.db, id))) return notFound(req, reply);
    const values = userValues(req.body);
    if (id === user.id && values.disabled) return showUser(req, reply, id, { values, errors: { roles: '自分自身のアカウントは無効にできません。' }, status: 422 });
    if (id === user.id && !values.roles.includes('admin')) return showUser(req, reply, id, { values, errors: { roles: '自分自身から管理者の役割は外せません。' }, status: 422 });
    try {
      await updateUser(ctx.db, id, { displayName: values.displayName, email: values.email || null, roles: values.roles, departmentIds: values.departmentIds, disabled: Boolean(values.disabled) }, user.login);
    } catch (error) {
      if (!(error instanceof AccountError)) throw error;
      return showUser(req, reply, id, { values, errors: { [error.field ?? 'displayName']: error.message }, status: 422 });
    }
    return reply.redirect(`/admin/users/${id}?saved=1`, 303);
  });

  guardedRoute(app, 'POST', '/admin/users/:userId/password', ['manageUsers'], async (req, reply, user) => {
    const id = idParam(req.params.userId);
    if (id === undefined || !(await findUser(ctx.db, id))) return notFound(req, reply);
    const target = (await findUser(ctx.db, id))!;
    const password = await generateInitialPassword(target.login);
    await resetPassword(ctx.db, id, password, user.login);
    return showUser(req, reply, id, { newPassword: password });
  });

  guardedRoute(app, 'POST', '/admin/users/:userId/unlock', ['manageUsers'], async (req, reply, user) => {
    const id = idParam(req.params.userId);
    const target = id === undefined ? undefined : await findUser(ctx.db, id);
    if (!target) return notFound(req, reply);
    await unlockLogin(ctx.db, target.login, user.login);
    return reply.redirect(`/admin/users/${target.id}?saved=1`, 303);
  });

  const showDepartments = async (req: Req, reply: FastifyReply, values: { code: string; name: string }, errors: Record<string, string>, status = 200) =>
    sendPage(reply, renderPage(<DepartmentsPage prefs={req.prefs} auth={req.auth!} path="/admin/departments" departments={await listDepartments(ctx.db)} values={values} errors={errors} />), status);

  guardedRoute(app, 'GET', '/admin/departments', ['manageDepartments'], async (req, reply) => showDepartments(req, reply, { code: '', name: '' }, {}));

  guardedRoute(app, 'POST', '/admin/departments', ['manageDepartments'], async (req, reply, user) => {
    const values = { code: field(req.body, 'code').trim(), name: field(req.body, 'name') };
    try {
      const id = await createDepartment(ctx.db, values.code, values.name, user.login);
      return reply.redirect(`/admin/departments/${id}?saved=1`, 303);
    } catch (error) {
      if (!(error instanceof DepartmentError)) throw error;
      return showDepartments(req, reply, values, { [error.field]: error.message }, 422);
    }
  });

  const showDepartment = async (req: Req, reply: FastifyReply, id: number, errors: Record<string, string> = {}, status = 200, name?: string) => {
    const department = (await listDepartments(ctx.db)).find((d) => d.id === id);
    if (!department) return notFound(req, reply);
    const notice = req.query.saved ? tr(req.prefs, '保存しました。', 'Saved.') : undefined;
    return sendPage(reply, renderPage(<DepartmentPage prefs={req.prefs} auth={req.auth!} path={`/admin/departments/${id}`} department={department} leaves={await listLeaves(ctx.db)} name={name ?? department.name} errors={errors} {...(notice ? { notice } : {})} />), status);
  };

  guardedRoute(app, 'GET', '/admin/departments/:departmentId', ['manageDepartments'], async (req, reply) => {
    const id = idParam(req.params.departmentId);
    return id === undefined ? notFound(req, reply) : showDepartment(req, reply, id);
  });

  guardedRoute(app, 'POST', '/admin/departments/:departmentId', ['manageDepartments'], async (req, reply, user) => {
    const id = idParam(req.params.departmentId);
    if (id === undefined) return notFound(req, reply);
    const name = field(req.body, 'name');
    try {
      await renameDepartment(ctx.db, id, name, user.login);
    } catch (error) {
      if (!(error instanceof DepartmentError)) throw error;
      return showDepartment(req, reply, id, { [error.field]: error.message }, 422, name);
    }
    return reply.redirect(`/admin/departments/${id}?saved=1`, 303);
  });

  guardedRoute(app, 'POST', '/admin/departments/:departmentId/items', ['manageDepartments'], async (req, reply, user) => {
    const id = idParam(req.params.departmentId);
    const itemId = idParam(field(req.body, 'itemId'));
    if (id === undefined) return notFound(req, reply);
    if (itemId === undefined) return showDepartment(req, reply, id, { itemId: '細目を選んでください。' }, 422);
    try {
      await assignItem(ctx.db, id, itemId, user.login);
    } catch (error) {
      if (!(error instanceof DepartmentError)) throw error;
      return showDepartment(req, reply, id, { itemId: error.message }, 422);
    }
    return reply.redirect(`/admin/departments/${id}?saved=1`, 303);
  });
}
