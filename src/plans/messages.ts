/** The plans domain's UI words, Japanese first. Tier names and plan names are data. */
import { defineMessages } from '../web/messages.js';
import catalog from './messages.json' with { type: 'json' };

export const plt = defineMessages(catalog);
