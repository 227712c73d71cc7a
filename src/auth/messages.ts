/** Words of sign-in, password change, the route guard and the signed-in page shell, Japanese first. */
import { defineMessages } from '../web/messages.js';

/** Shown for an unknown login, a wrong password and a paused login alike (tests match it). */
export const SIGN_IN_REFUSED_JA =
  'ログインIDまたはパスワードが正しくありません。失敗が続くと、この接続元からのログインはしばらく（最長15分）止まります。急ぐときは管理者に解除を依頼してください。';

export const t = defineMessages({
  signIn: { ja: 'ログイン', en: 'Sign in' },
  loginId: { ja: 'ログインID', en: 'Login ID' },
  password: { ja: 'パスワード', en: 'Password' },
  signInForged: { ja: '不正なリクエストです。ページを開き直してからもう一度ログインしてください。', en: 'Invalid request. Reload the page and sign in again.' },
  signInRateLimited: {
    ja: 'ログインの試行が多すぎます。しばらく待ってからもう一度お試しください。',
    en: 'Too many sign-in attempts. Wait a while and try again.',
  },
  signInRefused: {
    ja: SIGN_IN_REFUSED_JA,
    en: 'Wrong login ID or password. After repeated failures, sign-in from this address pauses for a while (up to 15 minutes); an administrator can lift the pause.',
  },
  changePassword: { ja: 'パスワード変更', en: 'Change password' },
  forcedChange: {
    ja: '初期パスワードのままです。利用を始める前に新しいパスワードを設定してください。',
    en: 'You are using a one-time initial password. Set a new password before you continue.',
  },
  passwordChanged: { ja: 'パスワードを変更しました。', en: 'Your password was changed.' },
  currentPassword: { ja: '現在のパスワード', en: 'Current password' },
  newPassword: { ja: '新しいパスワード', en: 'New password' },
  newPasswordHint: {
    ja: '{min}文字以上。ログインIDを含むもの、同じ文字の繰り返し、よく使われるパスワードは使えません。',
    en: 'At least {min} characters; not containing your login ID, not one character repeated, not a common password.',
  },
  confirmPassword: { ja: '新しいパスワード（確認）', en: 'New password (again)' },
  confirmMismatch: { ja: '確認用のパスワードが一致しません。', en: 'The two new passwords differ.' },
  change: { ja: '変更する', en: 'Change' },
  notAllowedTitle: { ja: '権限がありません', en: 'Not allowed' },
  notAllowed: { ja: 'この操作を行う権限がありません。', en: 'You are not allowed to do this.' },
  pageNotFoundTitle: { ja: 'ページが見つかりません', en: 'Page not found' },
  pageNotFound: { ja: '指定されたページは存在しないか、閲覧できません。', en: 'The page does not exist or is not available to you.' },
  signInRequiredTitle: { ja: 'ログインが必要です', en: 'Sign-in required' },
  sessionEnded: {
    ja: 'セッションが切れました。もう一度ログインしてください。入力内容は保存されていません。',
    en: 'Your session ended. Please sign in again; your input was not saved.',
  },
  csrfMismatch: {
    ja: '不正なリクエストです（CSRFトークンが一致しません）。ページを開き直してからもう一度操作してください。',
    en: 'Invalid request (CSRF token mismatch). Reload the page and try again.',
  },
  navTasks: { ja: '私のタスク', en: 'My tasks' },
  navRounds: { ja: '評価の回', en: 'Rounds' },
  navUsers: { ja: '利用者', en: 'Users' },
  navDepartments: { ja: '担当課', en: 'Departments' },
  navImports: { ja: '計画の取り込み', en: 'Plan import' },
  navLineage: { ja: '計画の引き継ぎ', en: 'Plan lineage' },
  navAudit: { ja: '監査ログ', en: 'Audit log' },
  signOut: { ja: 'ログアウト', en: 'Sign out' },
  toTasks: { ja: '私のタスクへ', en: 'Go to my tasks' },
  toSignIn: { ja: 'ログインへ', en: 'Go to sign-in' },
});
