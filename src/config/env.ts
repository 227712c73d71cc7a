/**
 * Every environment variable hyoka reads, parsed and validated once at start.
 * Nothing else in the code reads `process.env`: a bad value is refused here with
 * one clear message instead of misbehaving later. The README lists these variables.
 */
import { z } from 'zod';

const port = z.coerce.number().int().min(0).max(65535);
const positiveMs = z.coerce.number().int().positive();
const flag = z.enum(['0', '1']).transform((v) => v === '1');

const EnvSchema = z.object({
  PORT: port.default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'postgres:// で始まる URL を指定してください')
    .optional(),
  HYOKA_DATA_DIR: z.string().min(1).default('./data'),
  HYOKA_DB_POOL: z.coerce.number().int().min(1).max(500).default(10),
  /** Legacy switch: force the Secure flag on cookies even when the request looks like plain HTTP. */
  HYOKA_SECURE_COOKIES: flag.default(false),
  CHROMIUM_PATH: z.string().min(1).default('/usr/bin/chromium'),
  SMTP_URL: z.string().regex(/^smtps?:\/\//, 'smtp:// または smtps:// で始まる URL を指定してください').optional(),
  SMTP_FROM: z.string().min(3).default('hyoka@localhost'),
  HYOKA_BASE_URL: z.string().url().default('http://localhost:3000'),
  HYOKA_PUBLIC_CHECK_MS: positiveMs.default(1000),
  HYOKA_REMINDER_INTERVAL_MS: positiveMs.default(3_600_000),
  /** Request log level of `serve`/`start` (pino levels; `silent` turns logging off). */
  HYOKA_LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { error: 'fatal, error, warn, info, debug, trace, silent のいずれかを指定してください' })
    .default('info'),
  /** The OS user recorded as the actor of CLI changes. */
  USER: z.string().default('unknown'),
});

export type Env = z.infer<typeof EnvSchema>;

export class EnvError extends Error {
  override name = 'EnvError';
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
