/** Assertions over lists of texts read from a page or a file. */
import assert from 'node:assert/strict';

/** Some text of `texts` contains `part`; a failure lists them all. */
export function assertSomeIncludes(texts: readonly string[], part: string): void {
  assert.ok(
    texts.some((x) => x.includes(part)),
    `no text includes ${JSON.stringify(part)}:\n${texts.join('\n')}`,
  );
}
