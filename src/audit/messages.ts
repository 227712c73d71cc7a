/** The audit screens' words, Japanese first. */
import { defineMessages } from '../web/messages.js';
import catalog from './messages.json' with { type: 'json' };

export const t = defineMessages(catalog);
