import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { parseHTML } from 'linkedom';
import { SAMPLE_PLAN_SLUG } from '../imports/sample.js';
import { demoAccount, sessionAs, startWorkflowServer, type Browserish, type WorkflowServer } from '../test-support/server.js';
import { buildServer } from './server.js';
import { isPublicPage } from './security-headers.js';
import { concreteUrl, routeParams, type RouteParams } from '../test-support/routes.js';

const CITY = 'https://www.city.example.jp';

function directives(csp: string): Map<string, string> {
  return new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .map(([name, ...values]) => [name!, values.join(' ')]),
  );
}

describe('security headers', () => {
  let s: WorkflowServer;
  let framed: FastifyInstance;
  let admin: Browserish;
  let params: RouteParams;
  before(async () => {
    s = await startWorkflowServer();
    framed = await buildServer({ db: s.db, config: { secureCookies: false, frameAncestors: [CITY, 'https://*.example.org'] } });
    admin = await sessionAs(s.db, demoAccount('admin').login);
    params = await routeParams(s);
  });
  after(async () => {
    await framed.close();
    await s.close();
  });

  /** Every GET route once, plus the report page and its standalone download. */
  const pageUrls = () => [
    ...s.app.routeTable.filter((r) => r.method === 'GET').map((r) => concreteUrl(r.url, params)),
    `/plans/${SAMPLE_PLAN_SLUG}/reports/2022`,
    `/plans/${SAMPLE_PLAN_SLUG}/reports/2022.html`,
    '/no-such-page',
  ];

  test('every HTML page: strict CSP, no inline script or style it would block, and the other headers', async () => {
    let pages = 0;
    const failures: string[] = [];
    for (const url of pageUrls()) {
      for (const who of [admin, null]) {
        const r = await s.app.inject({ url, headers: who ? { cookie: who.cookie } : {} });
        assert.ok(r.statusCode < 500, `${url}: ${r.statusCode}`);
        assert.equal(r.headers['x-content-type-options'], 'nosniff', url);
        assert.equal(r.headers['referrer-policy'], 'same-origin', url);
        assert.match(String(r.headers['permissions-policy']), /camera=\(\).*geolocation=\(\).*microphone=\(\)/, url);
        assert.equal(r.headers['strict-transport-security'], undefined, `${url}: no HSTS over plain HTTP`);
        if (!String(r.headers['content-type']).startsWith('text/html')) continue;
        pages += 1;
        const csp = directives(String(r.headers['content-security-policy']));
        assert.equal(csp.get('default-src'), "'self'", url);
        assert.equal(csp.get('script-src'), "'self'", url);
        assert.equal(csp.get('object-src'), "'none'", url);
        assert.equal(csp.get('base-uri'), "'none'", url);
        assert.equal(csp.get('form-action'), "'self'", url);
        assert.equal(csp.get('frame-ancestors'), "'none'", url);
        assert.equal(r.headers['x-frame-options'], 'DENY', url);
        assert.doesNotMatch(csp.get('style-src') ?? '', /unsafe/, url);
        const { document } = parseHTML(r.body);
        if (document.querySelector('script:not([src])')) failures.push(`${url}: inline script`);
        if (document.querySelector('[style]')) failures.push(`${url}: style attribute`);
        const onAttr = [...document.querySelectorAll('*')].flatMap((e) => [...e.attributes].map((a) => a.name)).find((n) => n.startsWith('on'));
        if (onAttr) failures.push(`${url}: ${onAttr} attribute`);
        // An inline stylesheet is allowed only by the hash of exactly its text.
        for (const style of document.querySelectorAll('style')) {
          const hash = `'sha256-${createHash('sha256')
            .update(style.textContent ?? '')
            .digest('base64')}'`;
          if (!(csp.get('style-src') ?? '').split(' ').includes(hash)) failures.push(`${url}: inline <style> not allowed by the CSP`);
        }
      }
    }
    assert.deepEqual(failures, []);
    assert.ok(pages > 40, `HTML pages checked: ${pages}`);
  });

  test('HYOKA_FRAME_ANCESTORS: portal pages name the origins and drop X-Frame-Options; staff pages never', async () => {
    let portal = 0;
    let staff = 0;
    for (const url of pageUrls()) {
      const r = await framed.inject({ url, headers: { cookie: admin.cookie } });
      if (!String(r.headers['content-type']).startsWith('text/html')) continue;
      const ancestors = directives(String(r.headers['content-security-policy'])).get('frame-ancestors');
      if (isPublicPage(url.split('?')[0]!)) {
        portal += 1;
        assert.equal(ancestors, `${CITY} https://*.example.org`, url);
        assert.equal(r.headers['x-frame-options'], undefined, url);
      } else {
        staff += 1;
        assert.equal(ancestors, "'none'", url);
        assert.equal(r.headers['x-frame-options'], 'DENY', url);
      }
    }
    assert.ok(portal >= 8 && staff >= 20, `portal ${portal}, staff ${staff}`);
    assert.ok(isPublicPage('/portal') && isPublicPage('/portal/search') && isPublicPage('/api'));
    assert.ok(!isPublicPage('/portalx') && !isPublicPage('/work') && !isPublicPage('/plans'));
  });

  test('HSTS and Secure cookies only over HTTPS, and X-Forwarded-Proto only from a trusted proxy', async () => {
    const trusting = await buildServer({ db: s.db, config: { secureCookies: false, trustProxy: true } });
    const distrusting = await buildServer({ db: s.db, config: { secureCookies: false, trustProxy: false } });
    const forced = await buildServer({ db: s.db, config: { secureCookies: true, trustProxy: false } });
    try {
      const login = (app: FastifyInstance, https: boolean) => app.inject({ url: '/login', headers: https ? { 'x-forwarded-proto': 'https' } : {} });
      const secureFlag = (r: Awaited<ReturnType<typeof login>>) => ([] as string[]).concat(r.headers['set-cookie'] ?? []).map((c) => /;\s*Secure/i.test(c));

      const viaProxy = await login(trusting, true);
      assert.equal(viaProxy.headers['strict-transport-security'], 'max-age=31536000; includeSubDomains');
      assert.deepEqual(secureFlag(viaProxy), [true]);

      const plain = await login(trusting, false);
      assert.equal(plain.headers['strict-transport-security'], undefined);
      assert.deepEqual(secureFlag(plain), [false]);

      // A client claiming HTTPS to a server that trusts no proxy is not believed.
      const spoofed = await login(distrusting, true);
      assert.equal(spoofed.headers['strict-transport-security'], undefined);
      assert.deepEqual(secureFlag(spoofed), [false]);

      // HYOKA_SECURE_COOKIES still forces the flag.
      assert.deepEqual(secureFlag(await login(forced, false)), [true]);
    } finally {
      await trusting.close();
      await distrusting.close();
      await forced.close();
    }
  });
});
