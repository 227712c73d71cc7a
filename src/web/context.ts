/** What every route handler gets: the database and the app's settings. */
import type { Db } from '../db/db.js';

export interface AppConfig {
  /** Cookies get the Secure flag (set when served over HTTPS or behind a TLS proxy). */
  secureCookies: boolean;
  /** Proxies whose X-Forwarded-For is believed (fastify's trustProxy: comma-separated addresses/CIDRs); unset/false: none. */
  trustProxy?: boolean | string;
  /** Origins allowed to frame the public portal (CSP frame-ancestors); none by default. */
  frameAncestors?: readonly string[];
}

export interface AppContext {
  db: Db;
  config: AppConfig;
}
