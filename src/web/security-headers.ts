/**
 * Security headers on every response. The pages carry no script and no inline style
 * (the one inline stylesheet, in the standalone report download, is allowed by its
 * hash), so the Content-Security-Policy is strict. Staff pages can never be framed;
 * the public portal may be framed by the origins the operator lists
 * (HYOKA_FRAME_ANCESTORS), e.g. the city's own site. HSTS is sent only when the
 * request came over HTTPS, directly or through a proxy fastify trusts.
 *
 * Hand-written rather than @fastify/helmet: every header here depends on the request
 * (path for framing, protocol for HSTS), which helmet handles only by rebuilding its
 * middleware per request or by route options the domains would each have to set, and
 * helmet has no Permissions-Policy.
 */
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { pathOf } from './request-path.js';
export interface SecurityHeaderOptions {
  /** Origins that may frame the public pages; none by default. */
  frameAncestors?: readonly string[];
  /** Exact texts of inline <style> blocks some downloads carry; each is allowed by its hash. */
  inlineStyles?: readonly string[];
}

const styleHash = (css: string): string => `'sha256-${createHash('sha256').update(css).digest('base64')}'`;

function contentSecurityPolicy(frameAncestors: string, styleHashes: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    `style-src 'self'${styleHashes}`,
    "img-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    `frame-ancestors ${frameAncestors}`,
  ].join('; ');
}

const PERMISSIONS_POLICY = [
  'accelerometer=()',
  'camera=()',
  'display-capture=()',
  'geolocation=()',
  'gyroscope=()',
  'magnetometer=()',
  'microphone=()',
  'midi=()',
  'payment=()',
  'usb=()',
].join(', ');

/** The public side: the portal and the API's documentation page. */
export function isPublicPage(path: string): boolean {
  return path === '/portal' || path.startsWith('/portal/') || path === '/api';
}

interface Policies {
  frameAncestors: readonly string[];
  staff: string;
  framable: string;
}

function policies(options: SecurityHeaderOptions): Policies {
  const frameAncestors = options.frameAncestors ?? [];
  const hashes = (options.inlineStyles ?? []).map((css) => ` ${styleHash(css)}`).join('');
  return { frameAncestors, staff: contentSecurityPolicy("'none'", hashes), framable: contentSecurityPolicy(frameAncestors.join(' '), hashes) };
}

/** Sets the headers on one reply; without origins nothing may frame it. */
function setSecurityHeaders(req: FastifyRequest, reply: FastifyReply, p: Policies): void {
  const framable = p.frameAncestors.length > 0 && isPublicPage(pathOf(req));
  reply.header('content-security-policy', framable ? p.framable : p.staff);
  // Browsers without frame-ancestors still honour X-Frame-Options; it has no way to name origins.
  if (framable) reply.removeHeader('x-frame-options');
  else reply.header('x-frame-options', 'DENY');
  reply.header('permissions-policy', PERMISSIONS_POLICY);
  reply.header('referrer-policy', 'same-origin');
  reply.header('x-content-type-options', 'nosniff');
  if (req.protocol === 'https') reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
}

/** Registers the headers for the whole app; call after the domains so its values win. */
export function registerSecurityHeaders(app: FastifyInstance, options: SecurityHeaderOptions = {}): void {
  const p = policies(options);
  // A callback hook: an async one costs every answer a promise and a turn of the microtask queue.
  app.addHook('onSend', (req, reply, payload, done) => {
    setSecurityHeaders(req, reply, p);
    done(null, payload);
  });
}

const DEFAULT_POLICIES = policies({});

/** For answers sent before any hook runs (an undecodable path): the strictest set. */
export function setDefaultSecurityHeaders(req: FastifyRequest, reply: FastifyReply): void {
  setSecurityHeaders(req, reply, DEFAULT_POLICIES);
}
