/** Reading accounts: each with its roles, departments and whether sign-in is paused. */
import type { Queryable } from '../db/db.js';
import { LOCKED_UNTIL_SQL } from '../auth/sign-in-throttle.js';
import type { Role } from '../auth/roles.js';

export interface UserRow {
  id: number;
  login: string;
  displayName: string;
  email: string | null;
  mustChangePassword: boolean;
  disabled: boolean;
  lockedUntil: Date | null;
  roles: Role[];
  departmentIds: number[];
}

const USER_COLUMNS = `u.id, u.login, u.display_name as "displayName", u.email, u.must_change_password as "mustChangePassword",
  u.disabled, ${LOCKED_UNTIL_SQL} as "lockedUntil",
  array(select r.role from user_roles r where r.user_id = u.id order by r.role) as roles,
  array(select d.department_id from user_departments d where d.user_id = u.id order by d.department_id) as "departmentIds"`;

export async function listUsers(db: Queryable): Promise<UserRow[]> {
  return (await db.query<UserRow>(`select ${USER_COLUMNS} from users u order by u.login`)).rows;
}

export async function findUser(db: Queryable, idOrLogin: number | string): Promise<UserRow | undefined> {
  const where = typeof idOrLogin === 'number' ? 'u.id = $1' : 'u.login = $1';
  return (await db.query<UserRow>(`select ${USER_COLUMNS} from users u where ${where}`, [idOrLogin])).rows[0];
}

/** Whether some address must still wait before it may try this login's password again. */
export function isPaused(u: Pick<UserRow, 'lockedUntil'>, now = new Date()): boolean {
  return u.lockedUntil !== null && new Date(u.lockedUntil) > now;
}
