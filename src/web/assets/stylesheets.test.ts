import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const asset = (name: string) => readFileSync(fileURLToPath(new URL(`../../../../src/web/assets/${name}`, import.meta.url)), 'utf8');

test('workflow.css names colours only through variables, and each one is defined in app.css or tokens.css', () => {
  const css = asset('workflow.css');
  assert.doesNotMatch(css, /#[0-9a-f]{3,8}\b|rgba?\(/i, 'no literal colour in workflow.css');
  const defined = new Set([...`${asset('app.css')}\n${asset('tokens.css')}`.matchAll(/(--[\w-]+)\s*:/g)].map((m) => m[1]));
  const used = [...css.matchAll(/var\((--[\w-]+)\)/g)].map((m) => m[1]!);
  assert.ok(used.length > 10);
  assert.deepEqual(
    used.filter((v) => !defined.has(v)),
    [],
  );
});
