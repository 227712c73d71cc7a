/**
 * The font of the Word and Excel files. A Word run names one font per script slot
 * (ascii, hAnsi, eastAsia), not a list, so every slot names the one family found on
 * most readers' machines: BIZ UDPGothic ships with Windows 10 (1809) and later, and on
 * Linux comes with fonts-morisawa-bizud-gothic, which LibreOffice then uses without
 * substitution. Latin text names it too, so it does not fall back to another family.
 * macOS lacks it; Word and Excel there substitute their own Japanese gothic.
 */
export const OFFICE_FONT = 'BIZ UDPGothic';
