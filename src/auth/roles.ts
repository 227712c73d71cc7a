/**
 * Roles and what each may do. A user holds several roles; a permission is granted
 * when any of them grants it. Department scope (which sub-items an editor may touch)
 * is checked separately against the user's departments.
 */
export const ROLES = ['admin', 'division', 'department', 'expert', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/**
 * The roles' generic titles. A plan names its own (plan_settings: the reviewing
 * division's name, 所管課 for 担当課, 有識者 for 学識経験者); these are the defaults.
 */
export const ROLE_LABELS: Record<Role, { ja: string; en: string }> = {
  admin: { ja: '管理者', en: 'Administrator' },
  division: { ja: '評価担当課', en: 'Reviewing division' },
  department: { ja: '担当課', en: 'Department editor' },
  expert: { ja: '学識経験者', en: 'Expert' },
  viewer: { ja: '閲覧者', en: 'Viewer' },
};

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export type Permission =
  | 'manageUsers'
  | 'manageDepartments'
  | 'managePlans'
  | 'importPlans'
  | 'manageRounds'
  | 'publishRound'
  | 'review'
  | 'writeDivisionOpinion'
  | 'writeExpertOpinion'
  | 'enterOwnItems'
  | 'readAllItems'
  | 'readAudit'
  | 'correctPublished'
  | 'sendReminders';

const GRANTS: Record<Permission, readonly Role[]> = {
  manageUsers: ['admin'],
  manageDepartments: ['admin'],
  // A plan's workflow settings and words (which tier is rated, who writes opinions where, titles).
  managePlans: ['admin'],
  importPlans: ['admin'],
  manageRounds: ['admin', 'division'],
  publishRound: ['division'],
  review: ['division'],
  writeDivisionOpinion: ['division'],
  writeExpertOpinion: ['expert'],
  enterOwnItems: ['department'],
  readAllItems: ['admin', 'division', 'expert', 'viewer'],
  readAudit: ['admin', 'division'],
  correctPublished: ['division'],
  sendReminders: ['division'],
};

export function can(roles: readonly Role[], permission: Permission): boolean {
  return GRANTS[permission].some((r) => roles.includes(r));
}

export function rolesGranting(permission: Permission): readonly Role[] {
  return GRANTS[permission];
}
