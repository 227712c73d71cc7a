/**
 * Roles and what each may do. A user holds several roles; a permission is granted
 * when any of them grants it. Department scope (which sub-items an editor may touch)
 * is checked separately against the user's departments.
 */
export const ROLES = ['admin', 'division', 'department', 'expert', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, { ja: string; en: string }> = {
  admin: { ja: '管理者', en: 'Administrator' },
  division: { ja: 'デジタル推進課', en: 'Digital division' },
  department: { ja: '事務事業担当課', en: 'Department editor' },
  expert: { ja: '学識経験者', en: 'Expert' },
  viewer: { ja: '閲覧者', en: 'Viewer' },
};

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export type Permission =
  | 'manageUsers'
  | 'manageDepartments'
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
