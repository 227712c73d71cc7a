/**
 * Bytes → text for every text-based reader. Files come saved by Excel on Windows
 * (Shift_JIS/CP932, CRLF), by editors (UTF-8 with or without BOM) or exported as
 * UTF-16 with a BOM; the encoding is detected unless the user names it. Decoding is
 * strict: a byte that does not belong to the encoding is an error with its line, never
 * a silent replacement character. Node's WHATWG TextDecoder does the work (its
 * "shift_jis" is the Windows-31J/CP932 table).
 */
import { placedError } from './imported-plan.js';

export type TextEncodingName = 'utf-8' | 'shift_jis' | 'utf-16le' | 'utf-16be';

export const ENCODING_LABELS: Record<string, TextEncodingName> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  shift_jis: 'shift_jis',
  sjis: 'shift_jis',
  cp932: 'shift_jis',
  'windows-31j': 'shift_jis',
  'utf-16le': 'utf-16le',
  'utf-16be': 'utf-16be',
  'utf-16': 'utf-16le',
};

export function parseEncodingName(label: string): TextEncodingName {
  const name = ENCODING_LABELS[label.trim().toLowerCase()];
  if (!name) throw placedError(`文字コード「${label}」には対応していません（utf-8, shift_jis, cp932, utf-16le, utf-16be）`);
  return name;
}

function bomOf(bytes: Uint8Array): { encoding: TextEncodingName; length: number } | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return undefined;
}

function tryDecode(bytes: Uint8Array, encoding: TextEncodingName): string | undefined {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** The line of the first byte the encoding cannot read, found by decoding leniently. */
function firstBadLine(bytes: Uint8Array, encoding: TextEncodingName): number {
  const lenient = new TextDecoder(encoding, { ignoreBOM: true }).decode(bytes);
  const at = lenient.indexOf('\ufffd');
  return at < 0 ? 1 : lenient.slice(0, at).split('\n').length;
}

const ENCODING_TITLES: Record<TextEncodingName, string> = { 'utf-8': 'UTF-8', shift_jis: 'Shift_JIS (CP932)', 'utf-16le': 'UTF-16LE', 'utf-16be': 'UTF-16BE' };

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
}

/**
 * Decodes a text file and turns CRLF/CR into LF. Detection: a BOM decides; otherwise
 * valid UTF-8 is UTF-8 (Shift_JIS text is almost never valid UTF-8), then Shift_JIS.
 */
export function decodeText(bytes: Uint8Array, file: string, encoding?: TextEncodingName): DecodedText {
  if (bytes.length === 0) throw placedError('ファイルが空です', { file });
  const bom = bomOf(bytes);
  const chosen = encoding ?? bom?.encoding;
  const body = bom && (encoding === undefined || encoding === bom.encoding) ? bytes.subarray(bom.length) : bytes;
  let text: string | undefined;
  let used: TextEncodingName;
  if (chosen) {
    used = chosen;
    text = tryDecode(body, chosen);
    if (text === undefined) {
      throw placedError(`${ENCODING_TITLES[chosen]}として読めない文字があります。文字コードを確かめてください（--encoding で指定できます）`, {
        file,
        line: firstBadLine(body, chosen),
      });
    }
  } else {
    text = tryDecode(body, 'utf-8');
    used = 'utf-8';
    if (text === undefined) {
      text = tryDecode(body, 'shift_jis');
      used = 'shift_jis';
    }
    if (text === undefined) {
      throw placedError('文字コードを判別できません（UTF-8 としても Shift_JIS としても読めない文字があります）。--encoding で指定してください', {
        file,
        line: firstBadLine(body, 'utf-8'),
      });
    }
  }
  const nul = text.indexOf('\u0000');
  if (nul >= 0)
    throw placedError('NUL文字を含んでいます。テキストではないファイルか、文字コードの指定が違います', { file, line: text.slice(0, nul).split('\n').length });
  return { text: text.replace(/\r\n?/g, '\n'), encoding: used };
}
