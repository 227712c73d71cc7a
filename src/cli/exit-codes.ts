/**
 * The one place an error becomes a CLI exit code and a message on stderr.
 * 0 success · 1 refused or failed (message says why) · 2 input file rejected,
 * nothing stored · 3 stored, but the source's own figures disagree (set by import) ·
 * 75 the embedded store is held by another process (EX_TEMPFAIL: try again later).
 */
import { AppError } from '../errors.js';

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_INPUT_REJECTED = 2;
export const EXIT_FIGURES_DISAGREE = 3;
export const EXIT_STORE_LOCKED = 75;

export function exitCodeFor(error: AppError): number {
  if (error.code === 'parse-error') return EXIT_INPUT_REJECTED;
  if (error.code === 'store-locked') return EXIT_STORE_LOCKED;
  return EXIT_FAILED;
}

/** Writes what the user needs to read and returns the exit code. */
export function reportCliError(error: unknown, write: (line: string) => void = (line) => console.error(line)): number {
  if (error instanceof AppError) {
    if (error.code === 'parse-error') {
      write(`取り込みエラー: ${error.message}`);
      write('データベースは変更されていません。');
    } else if (error.code === 'store-locked') {
      write(`エラー: ${error.message}`);
      write('データベースは変更されていません。');
    } else if (error.code === 'config-error') {
      write(error.message);
    } else {
      write(`エラー: ${error.message}`);
    }
    return exitCodeFor(error);
  }
  const errno = error as NodeJS.ErrnoException;
  if (errno?.code === 'ENOENT') {
    write(`エラー: ファイルが見つかりません: ${errno.path}`);
    return EXIT_FAILED;
  }
  write(String((error as Error)?.stack ?? error));
  return EXIT_FAILED;
}
