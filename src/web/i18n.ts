/**
 * UI strings, Japanese first. Domain words that come from the plan itself
 * (tier names, item names, narratives) are data and are never translated here.
 */
import { defineMessages } from './messages.js';
import catalog from './i18n.json' with { type: 'json' };

export type MessageKey = keyof typeof catalog;

export const t = defineMessages(catalog);
