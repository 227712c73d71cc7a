import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderToString } from 'preact-render-to-string';
import { FormField } from './form-field.js';

const input = (aria: object) => <input id="year" name="year" {...aria} />;

test('a field without error is described by its hint only and not marked invalid', () => {
  const html = renderToString(<FormField id="year" label="年度" hint="例: R5" control={input} />);
  assert.match(html, /<label for="year">年度<\/label>/);
  assert.match(html, /aria-describedby="year-hint"/);
  assert.doesNotMatch(html, /aria-invalid|field-error/);
});

test('a field with an error is marked invalid and described by its hint, its error and what the caller adds', () => {
  const html = renderToString(<FormField id="year" label="年度" hint="例: R5" error="年度として読めません。" describedBy={['year-theirs']} control={input} />);
  assert.match(html, /aria-invalid="true"/);
  assert.match(html, /aria-describedby="year-hint year-error year-theirs"/);
  assert.match(html, /<p class="field-error" id="year-error">年度として読めません。<\/p>/);
});

test('an error may carry an id of its own', () => {
  const html = renderToString(<FormField id="reason" errorId="correction-error" label="理由" error="入力してください。" control={input} />);
  assert.match(html, /aria-describedby="correction-error"/);
  assert.match(html, /id="correction-error"/);
});
