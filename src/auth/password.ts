/**
 * Password hashing with scrypt from node:crypto: memory-hard (N=2^15, r=8 → 32 MiB
 * per hash), no native dependency. Stored as scrypt$N$r$p$salt$hash so the cost
 * can be raised later while old hashes still verify.
 */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

const KEY_LENGTH = 32;
const DEFAULT_COST = { N: 2 ** 15, r: 8, p: 1 };

function scryptAsync(password: string, salt: Buffer, N: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // maxmem must exceed 128·N·r; leave headroom above the 32 MiB default.
    scrypt(password.normalize('NFC'), salt, KEY_LENGTH, { N, r, p, maxmem: 256 * N * r }, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const { N, r, p } = DEFAULT_COST;
  const key = await scryptAsync(password, salt, N, r, p);
  return `scrypt$${N}$${r}$${p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  if (![N, r, p].every((x) => Number.isInteger(x) && x > 0)) return false;
  const expected = Buffer.from(parts[5]!, 'base64url');
  const key = await scryptAsync(password, Buffer.from(parts[4]!, 'base64url'), N, r, p);
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** A hash of nothing in particular, verified for unknown logins so timing does not reveal which logins exist. */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(12).toString('hex'));
  return dummyHash;
}

export const MIN_PASSWORD_LENGTH = 10;

/** Japanese message when the password is not acceptable, else undefined. */
export function passwordProblem(password: string, login?: string): string | undefined {
  if (password.length < MIN_PASSWORD_LENGTH) return `パスワードは${MIN_PASSWORD_LENGTH}文字以上にしてください。`;
  if (password.length > 200) return 'パスワードは200文字以内にしてください。';
  if (login && password.toLowerCase().includes(login.toLowerCase())) return 'パスワードにログインIDを含めないでください。';
  return undefined;
}

/** A one-time initial password: readable, 16 characters from an unambiguous alphabet. */
export function generateInitialPassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzACDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(16);
  return [...bytes].map((b) => alphabet[b % alphabet.length]).join('');
}
