/**
 * The workflow's UI words, Japanese first. Round kinds and statuses are named in
 * round-kinds.ts and workflow.ts; plan words (items, tiers) are data.
 */
import { defineMessages } from '../web/messages.js';
import catalog from './messages.json' with { type: 'json' };

export const t = defineMessages(catalog);
