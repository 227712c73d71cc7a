/**
 * The insights domain's words, Japanese first: page chrome and the templates the
 * drafted sentences are made from. Tier names, codes and item names are data and
 * come in as {tier}, {codes}, {code} and {names}.
 */
import { defineMessages } from '../web/messages.js';
import catalog from './messages.json' with { type: 'json' };

export const it = defineMessages(catalog);
