/** What every route handler gets: the database and the app's settings. */
import type { Db } from '../db/db.js';

export interface AppConfig {
  /** Cookies get the Secure flag (set when served over HTTPS or behind a TLS proxy). */
  secureCookies: boolean;
  /** fastify's trustProxy: whether X-Forwarded-* headers are believed (default true). */
  trustProxy?: boolean | string;
  /** Origins allowed to frame the public portal (CSP frame-ancestors); none by default. */
  frameAncestors?: readonly string[];
}

export interface AppContext {
  db: Db;
  config: AppConfig;
}
