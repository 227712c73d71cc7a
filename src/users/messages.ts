/** The user administration screens' words, Japanese first. Role titles come from auth/roles.ts. */
import { defineMessages } from '../web/messages.js';
import catalog from './messages.json' with { type: 'json' };

export const t = defineMessages(catalog);
