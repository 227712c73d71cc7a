import { test } from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations, browserSession, skipWithoutChromium, describeViolations } from './harness.js';
import { SAMPLE_PLAN_SLUG } from '../../src/imports/sample.js';

const session = browserSession();

test('the plan page renders in Chromium, switches year style, and axe-core finds nothing', { skip: skipWithoutChromium }, async () => {
  const page = await session.newPage();
  await page.goto(`${session.server.url}/`);
  assert.equal(new URL(page.url()).pathname, `/plans/${SAMPLE_PLAN_SLUG}`);
  assert.equal(await page.locator('h1').textContent(), '茅ヶ崎市地域情報化計画');
  assert.equal(await page.locator('table.ratings tbody tr').count(), 83);
  assert.deepEqual(await axeViolations(page), [], describeViolations(await axeViolations(page)));

  await page.getByRole('link', { name: '西暦' }).click();
  assert.match(page.url(), /era=seireki/);
  assert.equal(await page.locator('table.ratings').first().locator('thead th').nth(2).textContent(), '2018');
  await page.getByRole('link', { name: 'English' }).click();
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  assert.deepEqual(await axeViolations(page), []);

  // The skip link is the first thing a keyboard reaches, and it moves focus to the main content.
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.className), 'skip-link');
  await page.close();
});
