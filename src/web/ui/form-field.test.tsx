import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderToString } from 'preact-render-to-string';
import { CheckboxGroup, FormField, fieldsOf, SelectField, TextAreaField, TextField } from './form-field.js';

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

test('a text field posts under its id, keeps what was typed and is described by its hint and its error', () => {
  const html = renderToString(<TextField id="slug" label="スラッグ" value="a b" hint="英小文字" error="使えない文字があります。" autocomplete="off" />);
  assert.match(html, /<label for="slug">スラッグ<\/label>/);
  assert.match(html, /<input type="text" id="slug" name="slug" value="a b" autocomplete="off" aria-invalid="true" aria-describedby="slug-hint slug-error"\/>/);
  assert.match(html, /<p class="field-error" id="slug-error">使えない文字があります。<\/p>/);
});

test('a password field never sends a value back', () => {
  const html = renderToString(<TextField id="current" type="password" label="現在のパスワード" required />);
  assert.match(html, /<input type="password" id="current" name="current" required\/>/);
});

test('a text area keeps the typed text as its content; a list marks the chosen value', () => {
  const area = renderToString(<TextAreaField id="comment" label="コメント" value={'1行目\n<2行目>'} rows={4} />);
  assert.match(area, /<textarea id="comment" name="comment" rows="4">\n1行目\n&lt;2行目><\/textarea>/, 'one line break first: HTML drops it');
  const list = renderToString(
    <SelectField
      id="kind"
      label="種別"
      value="final"
      choices={[
        { value: 'yearly', label: '年次' },
        { value: 'final', label: '最終' },
      ]}
    />,
  );
  assert.match(list, /<option value="yearly">年次<\/option><option value="final" selected>最終<\/option>/);
});

test('a group of boxes ticks what was chosen and is described by its error', () => {
  const html = renderToString(
    <CheckboxGroup
      name="roles"
      legend="役割"
      checked={['admin']}
      error="一つ以上選んでください。"
      choices={[
        { value: 'admin', label: '管理者' },
        { value: 'expert', label: '有識者' },
      ]}
    />,
  );
  assert.match(html, /<fieldset aria-describedby="roles-error"><legend>役割<\/legend>/);
  assert.match(html, /<input type="checkbox" name="roles" value="admin" checked\/>/);
  assert.match(html, /<input type="checkbox" name="roles" value="expert"\/>/);
});

test('fieldsOf gives each field its id, its typed value and its error', () => {
  const field = fieldsOf({ code: 'X1', name: '' }, { name: '入力してください。' });
  assert.deepEqual(field('code'), { id: 'code', value: 'X1', error: undefined });
  assert.deepEqual(field('name'), { id: 'name', value: '', error: '入力してください。' });
});

test('a text that starts with a line break keeps it when the browser reads the text area back', () => {
  const html = renderToString(<TextAreaField id="reason" label="理由" value={'\n2行目から書いた理由'} rows={3} />);
  const content = /<textarea[^>]*>([\s\S]*)<\/textarea>/.exec(html)![1]!;
  // The HTML parser drops exactly one line break right after the start tag.
  assert.equal(content.replace(/^\n/, ''), '\n2行目から書いた理由');
});
