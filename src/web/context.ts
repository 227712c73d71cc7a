/** What every route handler gets: the database and the app's settings. */
import type { Db } from '../db/db.js';

export interface AppConfig {
  /** Cookies get the Secure flag (set when served over HTTPS or behind a TLS proxy). */
  secureCookies: boolean;
}

export interface AppContext {
  db: Db;
  config: AppConfig;
}
