/**
 * Kept for callers of the former accounts module (demo data, tests of other domains) until
 * they import from where these now live: reads in users/users-queries.ts, account changes in
 * users/users-store.ts, sign-in and password change in ./auth-store.ts.
 */
export { findUser, listUsers, type UserRow } from '../users/users-queries.js';
export { createUser, LOGIN_PATTERN, resetPassword, updateUser, validateNewUser, type AccountChange, type NewUser } from '../users/users-store.js';
export { changeOwnPassword, signIn, type PasswordCheckOptions, type SignInResult } from './auth-store.js';
