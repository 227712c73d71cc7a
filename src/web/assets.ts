/**
 * The app's static files: every stylesheet and script lives in src/web/assets and is
 * served by one route, `/assets/:name`. Files are read once at start; the set is the
 * folder's content, so adding a stylesheet needs no code. Other code that needs a
 * file's bytes (the static export, a standalone document) reads it through `asset`.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';

const ASSETS_DIR = fileURLToPath(new URL('../../../src/web/assets/', import.meta.url));

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
};

const files = new Map<string, Buffer>();
for (const name of readdirSync(ASSETS_DIR).sort()) {
  if (CONTENT_TYPES[extname(name)]) files.set(name, readFileSync(join(ASSETS_DIR, name)));
}

/** The bytes of one asset file; throws for a name that is not there (a typo in code). */
export function asset(name: string): Buffer {
  const bytes = files.get(name);
  if (!bytes) throw new Error(`no asset named ${name} in src/web/assets`);
  return bytes;
}

export function assetUrl(name: string): string {
  asset(name);
  return `/assets/${name}`;
}

export function registerAssetRoutes(app: FastifyInstance): void {
  app.get<{ Params: { name: string } }>('/assets/:name', async (req, reply) => {
    const bytes = files.get(req.params.name);
    if (!bytes) return reply.callNotFound();
    return reply.type(CONTENT_TYPES[extname(req.params.name)]!).header('cache-control', 'public, max-age=3600').send(bytes);
  });
}
