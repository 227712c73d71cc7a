/** The lineage domain's words, Japanese first. Plan and item names and codes are data. */
import { defineMessages } from '../web/messages.js';
import catalog from './messages.json' with { type: 'json' };

export const lt = defineMessages(catalog);
