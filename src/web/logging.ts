/**
 * Request logging for the server: fastify's pino logger, one JSON line per request with a
 * request id. Only method, path, status, time and the request id are logged — never a
 * header (cookies, Authorization, CSRF tokens) and never a body (passwords in sign-in
 * forms); the redact list is a second guard should someone log a whole request later.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyServerOptions, FastifyRequest } from 'fastify';
import type { IncomingMessage } from 'node:http';

export interface LogSettings {
  level: string;
  /** Where the JSON lines go (default stdout); tests pass a collecting stream. */
  stream?: { write(line: string): void };
}

/** An incoming X-Request-Id is kept only if it is short and plain; anything else could forge or flood log lines. */
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export function requestIdFor(req: IncomingMessage): string {
  const incoming = req.headers['x-request-id'];
  return typeof incoming === 'string' && SANE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

/** Only the query's names, not their values: a value may be a token or personal data. */
function safeUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const names = [...new URLSearchParams(url.slice(q + 1)).keys()];
  return `${url.slice(0, q)}${names.length ? `?${names.map((n) => `${encodeURIComponent(n)}=…`).join('&')}` : ''}`;
}

export const REDACTED_PATHS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-csrf-token"]',
  'req.body',
  'res.headers["set-cookie"]',
  '*.password',
  '*.newPassword',
  '*._csrf',
  'body',
];

/** The Fastify options for logging; `undefined`/`false` logs nothing (tests). */
export function loggingOptions(settings: LogSettings | false | undefined): Pick<FastifyServerOptions, 'logger' | 'genReqId' | 'requestIdHeader'> {
  if (!settings) return { logger: false, genReqId: requestIdFor, requestIdHeader: false };
  return {
    logger: {
      level: settings.level,
      ...(settings.stream ? { stream: settings.stream } : {}),
      redact: { paths: REDACTED_PATHS, censor: '[秘匿]' },
      serializers: {
        req: (req: FastifyRequest) => ({ method: req.method, url: safeUrl(req.url), remoteAddress: req.ip }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    },
    genReqId: requestIdFor,
    requestIdHeader: false,
  };
}

/** Returns the request id to the client, so a user's report of an error can be found in the log. */
export function registerRequestIdHeader(app: FastifyInstance): void {
  // A callback hook: an async one costs every request a promise and a turn of the microtask queue.
  app.addHook('onRequest', (req, reply, done) => {
    reply.header('x-request-id', req.id);
    done();
  });
}
