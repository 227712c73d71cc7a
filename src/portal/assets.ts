/** The portal's stylesheet: one of the app's assets, also copied by the static export. */
import { asset } from '../web/assets.js';

export const PORTAL_CSS = asset('portal.css');
