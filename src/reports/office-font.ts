/**
 * The font of the Word and Excel files. A Word run names one font per script slot
 * (ascii, hAnsi, eastAsia), not a list, so every slot names one family: BIZ UDPGothic
 * ships with Windows 10 (1809) and 11, and on Linux comes with
 * fonts-morisawa-bizud-gothic, which LibreOffice then uses without substitution. Latin
 * text names it too, so it does not fall back to another family.
 * Where it is missing (macOS, older Windows), the font table says what to look for
 * instead (OFFICE_FONT_TABLE): its alternative names in order (Yu Gothic, Meiryo,
 * Hiragino Sans — ECMA-376 17.8.3.1 altName), the Japanese character set and a
 * proportional sans-serif family, so Word substitutes a Japanese gothic, never a
 * Latin-only face.
 */
export const OFFICE_FONT = 'BIZ UDPGothic';

export const OFFICE_FONT_ALTERNATIVES = ['BIZ UDPゴシック', 'Yu Gothic', '游ゴシック', 'Meiryo', 'メイリオ', 'Hiragino Sans', 'ヒラギノ角ゴシック'] as const;

/** The w:font entry of word/fontTable.xml for OFFICE_FONT (charset 80: Shift_JIS, the Japanese set). */
export const OFFICE_FONT_TABLE = `<w:font w:name="${OFFICE_FONT}"><w:altName w:val="${OFFICE_FONT_ALTERNATIVES.join(',')}"/><w:panose1 w:val="020B0400000000000000"/><w:charset w:val="80"/><w:family w:val="swiss"/><w:pitch w:val="variable"/></w:font>`;
