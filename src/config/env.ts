/**
 * Every environment variable hyoka reads, parsed and validated once at start.
 * Nothing else in the code reads `process.env`: a bad value is refused here with
 * one clear message instead of misbehaving later. The README lists these variables.
 */
import { z } from 'zod';
import { AppError } from '../errors.js';

const port = z.coerce.number().int().min(0).max(65535);
const positiveMs = z.coerce.number().int().positive();
/** A CSP source that names one origin: scheme, host (optionally *.), port; no path. */
const FRAME_ORIGIN = /^https?:\/\/(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:\d{1,5})?$/i;
const flag = z.enum(['0', '1']).transform((v) => v === '1');

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const isAddressOrCidr = (entry: string): boolean => {
  const [address = '', bits, ...rest] = entry.split('/');
  if (rest.length) return false;
  const v4 = IPV4.test(address);
  const v6 = !v4 && address.includes(':') && /^[0-9a-fA-F:.]+$/.test(address);
  if (!v4 && !v6) return false;
  return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (v4 ? 32 : 128));
};
/**
 * Whose X-Forwarded-For to believe, as fastify's trustProxy takes it: the proxies' addresses/CIDRs.
 * A hop count is refused: fastify trusts nobody for a bare count, since it cannot tell the proxy from a client.
 */
const trustProxy = z.string().transform((value, ctx): string => {
  const entries = value.split(',').map((e) => e.trim());
  if (entries.every((e) => e !== '' && isAddressOrCidr(e))) return entries.join(',');
  ctx.addIssue({
    code: 'custom',
    message: '信頼するリバースプロキシのIPアドレスかCIDRをカンマ区切りで指定してください（例: 127.0.0.1,10.0.0.0/8）。段数の指定には対応していません',
  });
  return z.NEVER;
});

const EnvSchema = z.object({
  PORT: port.default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'postgres:// で始まる URL を指定してください')
    .optional(),
  HYOKA_DATA_DIR: z.string().min(1).default('./data'),
  HYOKA_DB_POOL: z.coerce.number().int().min(1).max(500).default(10),
  /** Distinct statements each PostgreSQL connection keeps prepared; 0 prepares none. */
  HYOKA_DB_PREPARED: z.coerce.number().int().min(0).max(100_000).default(1000),
  /** App processes `serve`/`start` runs on one port (PostgreSQL only; PGlite has one writer). */
  HYOKA_WORKERS: z.coerce
    .number()
    .int('1 以上 64 以下の整数を指定してください')
    .min(1, '1 以上 64 以下の整数を指定してください')
    .max(64, '1 以上 64 以下の整数を指定してください')
    .default(1),
  /** Whether this process runs the periodic jobs; `serve --workers` sets it for exactly one worker. */
  HYOKA_BACKGROUND_JOBS: flag.default(true),
  /** Legacy switch: force the Secure flag on cookies even when the request looks like plain HTTP. */
  HYOKA_SECURE_COOKIES: flag.default(false),
  /** Unset: X-Forwarded-For is ignored and the connection's address is the client's. */
  HYOKA_TRUST_PROXY: trustProxy.optional(),
  /** Origins (space-separated) whose pages may embed the public portal in a frame. */
  HYOKA_FRAME_ANCESTORS: z
    .string()
    .transform((v) => v.split(/\s+/).filter(Boolean))
    .pipe(
      z.array(
        z.string().regex(FRAME_ORIGIN, 'https://www.city.example.jp のようなオリジン（スキーム・ホスト・ポートのみ、パスなし）を空白区切りで指定してください'),
      ),
    )
    .default([]),
  CHROMIUM_PATH: z.string().min(1).default('/usr/bin/chromium'),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'smtp:// または smtps:// で始まる URL を指定してください')
    .optional(),
  SMTP_FROM: z.string().min(3).default('hyoka@localhost'),
  HYOKA_BASE_URL: z.string().url().default('http://localhost:3000'),
  HYOKA_PUBLIC_CHECK_MS: positiveMs.default(1000),
  HYOKA_REMINDER_INTERVAL_MS: positiveMs.default(3_600_000),
  /** Largest file (MB) the web import accepts. */
  HYOKA_IMPORT_MAX_MB: z.coerce.number().positive().max(1024).default(20),
  /** Request log level of `serve`/`start` (pino levels; `silent` turns logging off). */
  HYOKA_LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      error: 'fatal, error, warn, info, debug, trace, silent のいずれかを指定してください',
    })
    .default('info'),
  /** The OS user recorded as the actor of CLI changes. */
  USER: z.string().default('unknown'),
});

export type Env = z.infer<typeof EnvSchema>;

/** The names of every variable hyoka itself reads. */
export const ENV_NAMES: readonly string[] = Object.keys(EnvSchema.shape);

export class EnvError extends AppError {
  override name = 'EnvError';
  constructor(message: string) {
    super(500, 'config-error', message);
  }
}

/** Parses an environment (default `process.env`); empty strings count as unset. */
export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const cleaned: Record<string, string> = {};
  for (const [key, value] of Object.entries(source)) {
    if (value !== undefined && value !== '') cleaned[key] = value;
  }
  const result = EnvSchema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => {
      const name = issue.path.join('.');
      return `  ${name}=${JSON.stringify(cleaned[name] ?? '')}: ${issue.message}`;
    });
    throw new EnvError(`環境変数の値が不正です:\n${lines.join('\n')}`);
  }
  return result.data;
}

let cached: Env | undefined;

/** The process's environment, parsed on first use and then kept. */
export function env(): Env {
  cached ??= parseEnv();
  return cached;
}

/** Tests that change `process.env` call this so the next `env()` reads it again. */
export function resetEnvForTests(): void {
  cached = undefined;
}
