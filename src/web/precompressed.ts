/**
 * A page body kept in memory as bytes, with its ETag and, made once when a client first
 * asks for them, its brotli and gzip forms (HTTP plumbing, no domain). Serving a cached
 * page is then a header check and a write: no encoding of the string, no compression,
 * and a 304 when the browser already has it.
 */
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { etagOf, matchesIfNoneMatch } from './http-cache.js';

export type ContentEncoding = 'br' | 'gzip';

const compressors: Record<ContentEncoding, (body: Buffer) => Promise<Buffer>> = {
  // Quality 9 packs HTML almost as tight as 11 in a fraction of its time; each page is compressed once.
  br: (body) =>
    promisify(brotliCompress)(body, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 9,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
      },
    }),
  gzip: (body) => promisify(gzip)(body, { level: 9 }),
};

export class PrecompressedBody {
  readonly body: Buffer;
  /** The identity form's hash; each encoded form adds its encoding's name, as strong ETags must differ per form. */
  private readonly hash: string;
  private readonly encoded = new Map<ContentEncoding, Promise<Buffer | undefined>>();

  constructor(text: string) {
    this.body = Buffer.from(text);
    this.hash = etagOf(this.body).slice(1, -1);
  }

  etag(encoding: ContentEncoding | undefined): string {
    return encoding ? `"${this.hash}-${encoding}"` : `"${this.hash}"`;
  }

  /** The encoded bytes, or undefined when compressing failed (the caller sends the identity form). */
  encodedAs(encoding: ContentEncoding): Promise<Buffer | undefined> {
    let bytes = this.encoded.get(encoding);
    if (!bytes) {
      bytes = compressors[encoding](this.body).catch(() => undefined);
      this.encoded.set(encoding, bytes);
    }
    return bytes;
  }
}

/** The encoding to send for an Accept-Encoding header: brotli, else gzip, else none (q=0 refuses one). */
export function preferredEncoding(acceptEncoding: string | undefined): ContentEncoding | undefined {
  if (!acceptEncoding) return undefined;
  const accepted = new Set<string>();
  for (const part of acceptEncoding.split(',')) {
    const [name = '', ...params] = part.split(';').map((s) => s.trim().toLowerCase());
    const q = params.find((p) => p.startsWith('q='));
    if (q === undefined || Number(q.slice(2)) > 0) accepted.add(name);
  }
  if (accepted.has('br')) return 'br';
  if (accepted.has('gzip')) return 'gzip';
  return undefined;
}

/**
 * Sends the form the client accepts, or 304 when its If-None-Match names that form. A Vary
 * the caller already set (a page that also depends on a cookie) is kept, with Accept-Encoding added.
 */
export async function sendPrecompressed(
  req: FastifyRequest,
  reply: FastifyReply,
  page: PrecompressedBody,
  contentType: string,
  cacheControl: string,
): Promise<FastifyReply> {
  const wanted = preferredEncoding(req.headers['accept-encoding']);
  const encoded = wanted ? await page.encodedAs(wanted) : undefined;
  const encoding = encoded ? wanted : undefined;
  const etag = page.etag(encoding);
  const vary = reply.getHeader('vary');
  reply
    .header('etag', etag)
    .header('cache-control', cacheControl)
    .header('vary', vary ? `${String(vary)}, accept-encoding` : 'accept-encoding');
  if (matchesIfNoneMatch(req, etag)) return reply.code(304).send();
  if (encoding) reply.header('content-encoding', encoding);
  return reply.type(contentType).send(encoded ?? page.body);
}
