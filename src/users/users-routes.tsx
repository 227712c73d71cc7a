/** The administrator's account screens under /admin/users. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../web/context.js';
import { notFound } from '../errors.js';
import { fieldErrorOf, parseInput, savedNotice, type FieldErrors } from '../web/forms.js';
import { renderPage } from '../web/layout.js';
import { guardedRoute, sendPage } from '../auth/guard.js';
import { generateInitialPassword } from '../auth/password.js';
import { unlockLogin } from '../auth/sign-in-throttle.js';
import { listDepartments } from '../departments/departments-queries.js';
import { findUser, listUsers, type UserRow } from './users-queries.js';
import { createUser, resetPassword, updateUser } from './users-store.js';
import { userFormSchema, userPageQuerySchema, userParamsSchema } from './users-schema.js';
import { t } from './messages.js';
import { UserListPage } from './pages/user-list-page.js';
import { UserPage } from './pages/user-page.js';
import type { UserFieldValues } from './pages/user-fields.js';

const EMPTY: UserFieldValues = { login: '', displayName: '', email: '', roles: [], departmentIds: [] };

/** The account a route's :userId names; anything else is a 404. */
async function targetOf(ctx: AppContext, req: FastifyRequest): Promise<UserRow> {
  const params = parseInput(userParamsSchema, req.params);
  const user = params.ok ? await findUser(ctx.db, params.value.userId) : undefined;
  if (!user) throw notFound('利用者が見つかりません。');
  return user;
}

interface UserView {
  values?: UserFieldValues;
  errors?: FieldErrors;
  status?: number;
  newPassword?: string;
}

/** The account list with the add form: `values` and `errors` refill the form, `created` shows the one-time password. */
async function showUsers(
  ctx: AppContext,
  req: FastifyRequest,
  reply: FastifyReply,
  values: UserFieldValues,
  errors: FieldErrors,
  status = 200,
  created?: { login: string; password: string },
) {
  const [users, departments] = await Promise.all([listUsers(ctx.db), listDepartments(ctx.db)]);
  return sendPage(
    reply,
    renderPage(<UserListPage prefs={req.prefs} auth={req.auth!} users={users} departments={departments} values={values} errors={errors} created={created} />),
    status,
  );
}

/** One account's page: its stored values unless the view brings what was typed. */
async function showUser(ctx: AppContext, req: FastifyRequest, reply: FastifyReply, target: UserRow, view: UserView = {}) {
  const departments = await listDepartments(ctx.db);
  const values = view.values ?? {
    login: target.login,
    displayName: target.displayName,
    email: target.email ?? '',
    roles: target.roles,
    departmentIds: target.departmentIds,
    disabled: target.disabled,
  };
  const page = (
    <UserPage
      prefs={req.prefs}
      auth={req.auth!}
      user={target}
      departments={departments}
      values={values}
      errors={view.errors ?? {}}
      notice={savedNotice(userPageQuerySchema, req.query, t(req.prefs.lang, 'saved'))}
      newPassword={view.newPassword}
    />
  );
  return sendPage(reply, renderPage(page), view.status ?? 200);
}

export function registerUserRoutes(app: FastifyInstance, ctx: AppContext): void {
  guardedRoute(app, 'GET', '/admin/users', ['manageUsers'], async (req, reply) => showUsers(ctx, req, reply, EMPTY, {}));

  guardedRoute(app, 'POST', '/admin/users', ['manageUsers'], async (req, reply, user) => {
    const form = parseInput(userFormSchema, req.body, req.prefs.lang);
    if (!form.ok) return showUsers(ctx, req, reply, EMPTY, form.errors, 422);
    const values = form.value;
    const password = await generateInitialPassword(values.login);
    try {
      await createUser(
        ctx.db,
        {
          login: values.login,
          displayName: values.displayName,
          email: values.email || null,
          roles: values.roles,
          departmentIds: values.departmentIds,
          password,
        },
        user.login,
      );
    } catch (error) {
      const errors = fieldErrorOf(error, 'login');
      if (!errors) throw error;
      return showUsers(ctx, req, reply, values, errors, 422);
    }
    return showUsers(ctx, req, reply, EMPTY, {}, 201, { login: values.login, password });
  });

  guardedRoute(app, 'GET', '/admin/users/:userId', ['manageUsers'], async (req, reply) => showUser(ctx, req, reply, await targetOf(ctx, req)));

  guardedRoute(app, 'POST', '/admin/users/:userId', ['manageUsers'], async (req, reply, user) => {
    const target = await targetOf(ctx, req);
    const form = parseInput(userFormSchema, req.body, req.prefs.lang);
    if (!form.ok) return showUser(ctx, req, reply, target, { errors: form.errors, status: 422 });
    const values = form.value;
    const lang = req.prefs.lang;
    if (target.id === user.id && values.disabled)
      return showUser(ctx, req, reply, target, { values, errors: { roles: t(lang, 'cannotDisableSelf') }, status: 422 });
    if (target.id === user.id && !values.roles.includes('admin'))
      return showUser(ctx, req, reply, target, { values, errors: { roles: t(lang, 'cannotDropOwnAdmin') }, status: 422 });
    try {
      await updateUser(
        ctx.db,
        target.id,
        { displayName: values.displayName, email: values.email || null, roles: values.roles, departmentIds: values.departmentIds, disabled: values.disabled },
        user.login,
      );
    } catch (error) {
      const errors = fieldErrorOf(error, 'displayName');
      if (!errors) throw error;
      return showUser(ctx, req, reply, target, { values, errors, status: 422 });
    }
    return reply.redirect(`/admin/users/${target.id}?saved=1`, 303);
  });

  guardedRoute(app, 'POST', '/admin/users/:userId/password', ['manageUsers'], async (req, reply, user) => {
    const target = await targetOf(ctx, req);
    const password = await generateInitialPassword(target.login);
    await resetPassword(ctx.db, target.id, password, user.login);
    return showUser(ctx, req, reply, (await findUser(ctx.db, target.id))!, { newPassword: password });
  });

  guardedRoute(app, 'POST', '/admin/users/:userId/unlock', ['manageUsers'], async (req, reply, user) => {
    const target = await targetOf(ctx, req);
    await unlockLogin(ctx.db, target.login, user.login);
    return reply.redirect(`/admin/users/${target.id}?saved=1`, 303);
  });
}
