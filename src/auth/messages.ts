/** Words of sign-in, password change, the route guard and the signed-in page shell, Japanese first. */
import { defineMessages } from '../web/messages.js';
import catalog from './messages.json' with { type: 'json' };

/** Shown for an unknown login, a wrong password and a paused login alike (tests match it). */
export const SIGN_IN_REFUSED_JA = catalog.signInRefused.ja;

export const t = defineMessages(catalog);
