/**
 * Strict parsing of query parameters: unknown names, repeated names and values
 * of the wrong form are 400 problems with a Japanese explanation — never a 500.
 */
import { parseFiscalYear } from '../fiscal/fiscal-year.js';
import { invalidParameter } from './problem.js';

export type RawQuery = Record<string, unknown>;

export class QueryParams {
  private readonly values = new Map<string, string>();

  constructor(query: unknown, allowed: readonly string[]) {
    const raw = (query ?? {}) as RawQuery;
    for (const [name, value] of Object.entries(raw)) {
      if (!allowed.includes(name)) {
        throw invalidParameter(name, `不明なパラメータです: ${name}（使えるもの: ${allowed.join(', ') || 'なし'}）`);
      }
      if (Array.isArray(value)) throw invalidParameter(name, `パラメータ ${name} が複数回指定されています。`);
      if (typeof value !== 'string') throw invalidParameter(name, `パラメータ ${name} が不正です。`);
      this.values.set(name, value);
    }
  }

  /** The validated parameters except `cursor`, for building the next page's link. */
  entries(): [string, string][] {
    return [...this.values].filter(([k]) => k !== 'cursor');
  }

  string(name: string, options: { maxLength?: number; pattern?: RegExp; required?: boolean } = {}): string | undefined {
    const v = this.values.get(name);
    if (v === undefined || v === '') {
      if (options.required) throw invalidParameter(name, `パラメータ ${name} を指定してください。`);
      return undefined;
    }
    if (options.maxLength !== undefined && v.length > options.maxLength) throw invalidParameter(name, `パラメータ ${name} が長すぎます（${options.maxLength} 文字まで）。`);
    if (options.pattern && !options.pattern.test(v)) throw invalidParameter(name, `パラメータ ${name} の形式が不正です: "${v}"`);
    return v;
  }

  integer(name: string, min: number, max: number): number | undefined {
    const v = this.string(name);
    if (v === undefined) return undefined;
    if (!/^\d{1,9}$/.test(v)) throw invalidParameter(name, `パラメータ ${name} は整数で指定してください: "${v}"`);
    const n = Number(v);
    if (n < min || n > max) throw invalidParameter(name, `パラメータ ${name} は ${min}〜${max} で指定してください: ${n}`);
    return n;
  }

  fiscalYear(name: string): number | undefined {
    const v = this.string(name, { maxLength: 20 });
    if (v === undefined) return undefined;
    const fy = parseFiscalYear(v);
    if (fy === undefined) throw invalidParameter(name, `年度として読めません: "${v}"（例: 2022, R4, 令和4年度）`);
    return fy;
  }

  oneOf<T extends string>(name: string, choices: readonly T[]): T | undefined {
    const v = this.string(name);
    if (v === undefined) return undefined;
    if (!(choices as readonly string[]).includes(v)) throw invalidParameter(name, `パラメータ ${name} は ${choices.join(' / ')} のいずれかです: "${v}"`);
    return v as T;
  }
}

export const ITEM_CODE = /^[0-9]{1,5}(\.[0-9]{1,5}){0,9}$/;
