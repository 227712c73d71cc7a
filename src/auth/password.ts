/**
 * Password hashing with scrypt from node:crypto: memory-hard (N=2^15, r=8 → 32 MiB
 * per hash), no native dependency. Stored as scrypt$N$r$p$salt$hash so the cost
 * can be raised later while old hashes still verify.
 */
import { randomBytes, randomInt, scrypt, timingSafeEqual } from 'node:crypto';

const KEY_LENGTH = 32;
export interface PasswordHashCost {
  N: number;
  r: number;
  p: number;
}
export const DEFAULT_PASSWORD_COST: PasswordHashCost = { N: 2 ** 15, r: 8, p: 1 };
let hashCost = DEFAULT_PASSWORD_COST;

/**
 * The cost of new hashes. The app never calls this: the test support lowers it so that
 * hundreds of test users do not each cost 32 MiB and ~80 ms of scrypt. Hashes carry their
 * own cost, so verification runs the same code either way.
 */
export function setPasswordHashCost(cost: PasswordHashCost = DEFAULT_PASSWORD_COST): PasswordHashCost {
  const previous = hashCost;
  hashCost = cost;
  return previous;
}

function scryptAsync(password: string, salt: Buffer, N: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // maxmem must exceed 128·N·r; leave headroom above the 32 MiB default.
    scrypt(password.normalize('NFC'), salt, KEY_LENGTH, { N, r, p, maxmem: 256 * N * r }, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const { N, r, p } = hashCost;
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

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 200;

/** The zxcvbn project's list of common passwords (about 49,000, MIT), loaded on first use. */
let commonPasswords: Promise<ReadonlySet<string>> | undefined;
function loadCommonPasswords(): Promise<ReadonlySet<string>> {
  commonPasswords ??= import('@zxcvbn-ts/language-common').then(({ dictionary }) => new Set(dictionary['passwords-common']));
  return commonPasswords;
}

const SEQUENCE_ALPHABETS = ['abcdefghijklmnopqrstuvwxyz', '0123456789', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm', '1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p'];

/** abcdef…, 987654…, qwerty… read forwards or backwards, or one short chunk repeated (abcabcabc…). */
function isObviousPattern(password: string): boolean {
  const p = password.toLowerCase();
  for (let unit = 1; unit <= 4; unit++) {
    if (p.length % unit === 0 && p.slice(0, unit).repeat(p.length / unit) === p) return true;
  }
  const runs = (alphabet: string) => {
    const doubled = alphabet + alphabet;
    return doubled.includes(p) || [...doubled].reverse().join('').includes(p);
  };
  return SEQUENCE_ALPHABETS.some(runs);
}

/** Japanese message when the password is not acceptable, else undefined. */
export async function passwordProblem(password: string, login?: string): Promise<string | undefined> {
  if ([...password].length < MIN_PASSWORD_LENGTH) return `パスワードは${MIN_PASSWORD_LENGTH}文字以上にしてください。`;
  if (password.length > MAX_PASSWORD_LENGTH) return `パスワードは${MAX_PASSWORD_LENGTH}文字以内にしてください。`;
  if (login && password.toLowerCase().includes(login.toLowerCase())) return 'パスワードにログインIDを含めないでください。';
  if (isObviousPattern(password)) return '同じ文字の繰り返しや「abcdef…」「123456…」のような並びはパスワードに使えません。';
  if ((await loadCommonPasswords()).has(password.toLowerCase()))
    return 'このパスワードはよく使われていて推測されやすいため使えません。別のものにしてください。';
  return undefined;
}

/**
 * A one-time initial password: readable, 16 characters from an unambiguous alphabet,
 * drawn without modulo bias and redrawn in the (astronomically rare) case the policy refuses it.
 */
export async function generateInitialPassword(login?: string): Promise<string> {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzACDEFGHJKLMNPQRSTUVWXYZ23456789';
  for (;;) {
    const password = Array.from({ length: 16 }, () => alphabet[randomInt(alphabet.length)]).join('');
    if (!(await passwordProblem(password, login))) return password;
  }
}
