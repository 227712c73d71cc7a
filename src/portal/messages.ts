/**
 * The public portal's UI words (portal pages, the static search page and the Web
 * API documentation page), Japanese first. Plan words — tier names, item names,
 * scale codes, narratives — are data and never appear here: they come in as {tier},
 * {tiers} and {codes}.
 */
import { defineMessages } from '../web/messages.js';
import catalog from './messages.json' with { type: 'json' };

export type PortalMessageKey = keyof typeof catalog;

export const pt = defineMessages(catalog);
