/**
 * Checks real API responses against the OpenAPI document: the response's path,
 * status and content type must be documented, and its body must validate (ajv,
 * JSON Schema 2020-12) against the documented schema.
 */
import assert from 'node:assert/strict';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildOpenApiDocument } from '../api/openapi.js';

const pointer = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

export interface OpenApiConformance {
  /** Validates a real response against the document's schema for its path, status and content type. */
  assertMatchesDocument(url: string, res: LightMyRequestResponse): void;
  /** GETs `url` from the app and checks the answer against the document, whatever its status. */
  get(app: FastifyInstance, url: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  /** `get`, which must answer 200: its JSON body. */
  json<T = Record<string, unknown>>(app: FastifyInstance, url: string): Promise<T>;
  /** The document's path templates the checked responses covered. */
  exercised: Set<string>;
  /** Compiles a `$ref` into the document (e.g. every component schema, to prove they compile). */
  compile(ref: string): void;
}

export function openApiConformance(): OpenApiConformance {
  const doc = buildOpenApiDocument();
  // ajv's ESM typings export the class as default of a CJS module.
  const AjvClass = Ajv2020 as unknown as typeof Ajv2020.default;
  const ajv = new AjvClass({ strict: false, allErrors: true });
  (addFormats as unknown as (a: unknown) => void)(ajv);
  ajv.addSchema(doc, 'openapi');
  const templates = Object.keys(doc.paths).map((p) => ({ template: p, regex: new RegExp(`^/api/v1${p.replace(/\{[^}]+\}/g, '[^/]+')}$`) }));
  const exercised = new Set<string>();
  const assertMatchesDocument = (url: string, res: LightMyRequestResponse) => {
    const path = url.split('?')[0]!;
    const match = templates.find((t) => t.regex.test(path));
    assert.ok(match, `no path in the OpenAPI document for ${path}`);
    exercised.add(match.template);
    const status = String(res.statusCode);
    const responses = (doc.paths as Record<string, { get: { responses: Record<string, { content?: Record<string, unknown> }> } }>)[match.template]!.get
      .responses;
    assert.ok(responses[status], `${url}: status ${status} is not documented`);
    if (res.statusCode === 304) {
      assert.equal(res.body, '', `${url}: a 304 has no body`);
      return;
    }
    const type = String(res.headers['content-type']).split(';')[0]!;
    assert.ok(responses[status]!.content?.[type], `${url}: ${status} ${type} is not documented`);
    const validate = ajv.compile({ $ref: `openapi#/paths/${pointer(match.template)}/get/responses/${status}/content/${pointer(type)}/schema` });
    assert.ok(validate(JSON.parse(res.body)), `${url}: ${ajv.errorsText(validate.errors)}\n${res.body.slice(0, 500)}`);
  };
  const get = async (app: FastifyInstance, url: string, headers: Record<string, string> = {}) => {
    const res = await app.inject({ method: 'GET', url, headers });
    assertMatchesDocument(url, res);
    return res;
  };
  const json = async <T>(app: FastifyInstance, url: string) => {
    const res = await get(app, url);
    assert.equal(res.statusCode, 200, `${url}: ${res.body}`);
    return JSON.parse(res.body) as T;
  };
  return { assertMatchesDocument, get, json, exercised, compile: (ref) => void ajv.compile({ $ref: `openapi${ref}` }) };
}
