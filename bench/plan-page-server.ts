/**
 * The app alone in a process of its own, over a store the plan-page benchmark filled, so
 * that its resident memory is the server's and not the generator's:
 * `node dist/bench/plan-page-server.js pglite <data dir>` or `… postgres <url> <schema>`.
 * Prints `listening <port>` once it listens; stops on SIGTERM.
 */
import type { AddressInfo } from 'node:net';
import { openDb } from '../src/db/db.js';
import { buildServer } from '../src/web/server.js';

const [engine, location, schema] = process.argv.slice(2);
const db = engine === 'postgres' ? await openDb({ databaseUrl: location!, ...(schema ? { schema } : {}) }) : await openDb({ dataDir: location! });
const app = await buildServer({ db, config: { secureCookies: false } });
await app.listen({ port: 0, host: '127.0.0.1' });
console.log(`listening ${(app.server.address() as AddressInfo).port}`);
process.once('SIGTERM', () => {
  void app
    .close()
    .then(() => db.close())
    .then(() => process.exit(0));
});
