/** The portal's stylesheet, read once: served by the routes and copied by the static export. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const PORTAL_CSS = readFileSync(fileURLToPath(new URL('../../../src/portal/portal.css', import.meta.url)));
