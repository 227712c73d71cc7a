/**
 * The portal's rendered pages kept as bytes, with their ETag and brotli/gzip forms
 * (web/precompressed.ts), for as long as the public dataset snapshot they show lives: the
 * portal shows published data only, the same to every visitor with the same language and
 * era, so a page is rendered once per snapshot, path and preferences and then served as a
 * header check and a write. PublicDataCache replaces the snapshot when the public data
 * changes, and with it every page kept here.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PrecompressedBody, sendPrecompressed } from '../web/precompressed.js';
import { pathOf } from '../web/request-path.js';
import { SnapshotMemo } from '../web/http-cache.js';

const HTML = 'text/html; charset=utf-8';
/** Shared caches may keep a page a minute; browsers revalidate with the ETag after that. */
const PAGE_CACHE_CONTROL = 'public, max-age=60';
const pages = new SnapshotMemo<PrecompressedBody>();
const snapshotSerials = new WeakMap<object, number>();
let lastSerial = 0;

/** A number naming one snapshot object for as long as it lives, for keys of pages that show more than one. */
function serialOf(snapshot: object): number {
  let serial = snapshotSerials.get(snapshot);
  if (serial === undefined) {
    serial = ++lastSerial;
    snapshotSerials.set(snapshot, serial);
  }
  return serial;
}

/**
 * Sends a portal page, rendering it only the first time this snapshot is asked for it at this
 * path in these preferences. The page is a function of the snapshot, the path and the
 * preferences alone (the rest of a query string changes nothing), so those make the key; a
 * page that also shows other plans' snapshots names them in `alsoShown`. Preferences may come
 * from a cookie, hence Vary: Cookie besides the encoding.
 */
export function sendPortalPage(
  req: FastifyRequest,
  reply: FastifyReply,
  snapshot: object,
  render: () => string,
  alsoShown: readonly object[] = [],
): Promise<FastifyReply> {
  const key = [req.prefs.lang, req.prefs.era, pathOf(req), ...alsoShown.map(serialOf)].join('\u0000');
  // Rendering is synchronous: requests arriving meanwhile find the page kept once it is set.
  const page = pages.get(snapshot, key) ?? pages.set(snapshot, key, new PrecompressedBody(render()));
  reply.header('vary', 'Cookie');
  return sendPrecompressed(req, reply, page, HTML, PAGE_CACHE_CONTROL);
}
