/**
 * Building blocks of the OpenAPI document (openapi.ts and its parts): schema shorthands,
 * the standard responses and the common parameters.
 */
export type Schema = Record<string, unknown>;

export const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
export const nullable = (type: string): Schema => ({ type: [type, 'null'] });
export const int: Schema = { type: 'integer' };
export const str: Schema = { type: 'string' };
/** An item's number: 2, 2.1, 2.1.4 (any depth). */
export const itemCode: Schema = { type: 'string', pattern: '^[0-9]+(\\.[0-9]+)*$' };
export const fiscalYear: Schema = { type: 'integer', minimum: 1926, maximum: 2200, description: '年度（西暦の開始年: 2022 = 令和4年度）' };
export const fiscalYearLabel: Schema = { type: 'string', description: '和暦の略記 (H30, R元, R4)', examples: ['R4'] };
export const obj = (properties: Record<string, Schema>, required = Object.keys(properties)): Schema => ({
  type: 'object',
  properties,
  required,
  additionalProperties: false,
});
export const links = (...names: string[]): Schema => obj(Object.fromEntries(names.map((n) => [n, str])));
export const departmentRef: Schema = { oneOf: [obj({ id: int, name: str }), { type: 'null' }] };

export const listOf = (item: string): Schema => obj({ data: { type: 'array', items: ref(item) } });
export const pageOf = (item: string): Schema => obj({ data: { type: 'array', items: ref(item) }, links: ref('PageLinks'), meta: ref('PageMeta') });

export const problemResponse = (description: string) => ({ description, content: { 'application/problem+json': { schema: ref('Problem') } } });
const ok = (description: string, schema: Schema) => ({
  '200': {
    description,
    headers: {
      ETag: { schema: str, description: '内容のハッシュ。If-None-Match に渡すと変更がなければ 304' },
      'Cache-Control': { schema: str },
    },
    content: { 'application/json': { schema } },
  },
  '304': { description: 'Not modified (If-None-Match)' },
  '400': problemResponse('Malformed query parameter'),
  '404': problemResponse('Unknown plan or item'),
});

/** A path of the API as one row: its path, operation id, summary, parameters and its answer's description and schema. */
export type PathRow = readonly [path: string, operationId: string, summary: string, parameters: readonly unknown[], description: string, schema: Schema];

/** Each path's one operation, a GET (the API only reads); paths without parameters have none listed. */
export const pathsOf = (rows: readonly PathRow[]) =>
  Object.fromEntries(
    rows.map(([path, operationId, summary, parameters, description, schema]) => [
      path,
      { get: { operationId, summary, ...(parameters.length ? { parameters } : {}), responses: ok(description, schema) } },
    ]),
  );

export const planParam = {
  name: 'plan',
  in: 'path',
  required: true,
  description: '計画の識別子 (slug)',
  schema: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]*$' },
};
export const q = (name: string, description: string, schema: Schema) => ({ name, in: 'query', required: false, description, schema });

/** The paging parameters of every paged list. */
export const limit = q('limit', '1ページの件数 (1〜500、既定 100)', { type: 'integer', minimum: 1, maximum: 500, default: 100 });
export const cursor = q('cursor', '前のページの links.next に含まれるカーソル', str);
