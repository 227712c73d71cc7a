import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderToString } from 'preact-render-to-string';
import { ItemList } from './item-list.js';
import { PostForm, SubmitButton } from './post-form.js';
import { Section } from './section.js';
import { YearRow } from './year-row.js';

test('a form posts its token first, then its hidden fields in order, its fields and its submit row', () => {
  const html = renderToString(
    <PostForm action="/rounds" csrf="tok" labelledBy="new-round" hidden={{ version: '3', ask: '1' }} submit="作成">
      <p>fields</p>
    </PostForm>,
  );
  assert.equal(
    html,
    '<form class="wf-form" method="post" action="/rounds" aria-labelledby="new-round">' +
      '<input type="hidden" name="_csrf" value="tok"/><input type="hidden" name="version" value="3"/><input type="hidden" name="ask" value="1"/>' +
      '<p>fields</p><div class="actions"><button type="submit">作成</button></div></form>',
  );
});

test('without a session there is no token field; a button says which it was', () => {
  const html = renderToString(
    <PostForm action="/x" csrf={undefined}>
      <SubmitButton name="action" value="return" class="danger" label="差し戻す" />
    </PostForm>,
  );
  assert.doesNotMatch(html, /_csrf/);
  assert.match(html, /<button type="submit" name="action" value="return" class="danger">差し戻す<\/button>/);
});

test('a section is named by its heading', () => {
  assert.equal(renderToString(<Section id="review" title="確認" />), '<section aria-labelledby="review"><h2 id="review">確認</h2></section>');
});

test('a list says when it is empty, or shows nothing when it has no words for that', () => {
  assert.equal(renderToString(<ItemList items={[]} item={(x: string) => x} empty="ありません" />), '<p>ありません</p>');
  assert.equal(renderToString(<ItemList items={[]} item={(x: string) => x} />), '');
  assert.equal(renderToString(<ItemList ordered items={['a', 'b']} item={(x) => x} />), '<ol><li>a</li><li>b</li></ol>');
});

test('a year row names itself and gives a right-aligned cell a year', () => {
  const html = renderToString(<YearRow code="total" head="計" years={[{ n: 1 }, { n: 2 }]} value={(y) => y.n} />);
  assert.equal(html, '<tr data-code="total"><th scope="row">計</th><td class="num">1</td><td class="num">2</td></tr>');
});
