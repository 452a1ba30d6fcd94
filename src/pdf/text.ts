/**
 * Text for pdfkit's standard fonts (Helvetica…), which draw only the WinAnsi (Windows-1252) character set: any
 * other character would come out as garbage. Every string drawn in a PDF goes through `toWinAnsi` first.
 *
 * - Narrow and no-break spaces (U+202F in French amounts "1 234,56 €", U+00A0 before "€", U+2007) become U+00A0,
 *   which WinAnsi has (code 0xA0, drawn as a plain space by Helvetica and read back as one): the line never
 *   breaks inside an amount. Other spaces become " ".
 * - Letters outside WinAnsi become their base letter when there is one ("ł" → "l", "ř" → "r", "ﬁ" → "fi"),
 *   dashes and quotes their WinAnsi cousins; invisible characters (zero-width, bidi controls, variation
 *   selectors, controls) disappear; anything else (emoji, Arabic, Hebrew, CJK…) becomes "?".
 */

const EXTRA = "ŒœŠšŸŽžƒˆ˜–—‘’‚“”„†‡•…‰‹›€™";
const WIN_ANSI_EXTRA = new Set(Array.from(EXTRA, (c) => c.codePointAt(0)));

const NO_BREAK_SPACE = "\u00A0";
/** In WinAnsi, but pdfkit's line breaking treats it specially: dropped. */
const SOFT_HYPHEN = "\u00AD";

const REPLACEMENTS: Readonly<Record<string, string>> = {
  "\u202F": NO_BREAK_SPACE,
  "\u2007": NO_BREAK_SPACE,
  "\t": " ",
  "\u2028": "\n",
  "\u2029": "\n",
  "\u2010": "-",
  "\u2011": "-",
  "\u2012": "-",
  "\u2212": "-",
  "\u2015": "—",
  "\u201B": "'",
  "\u201F": '"',
  "\u2032": "'",
  "\u2033": '"',
  "\u2024": ".",
  "\u2044": "/",
  ł: "l",
  Ł: "L",
  đ: "d",
  Đ: "D",
  ı: "i",
  ħ: "h",
  Ħ: "H",
};

type Ranges = readonly (readonly [number, number])[];
/** Dropped: controls, soft hyphen, zero-width characters, bidi controls, variation selectors, BOM. */
const INVISIBLE: Ranges = [
  [0x00, 0x1f],
  [0x7f, 0x9f],
  [0xad, 0xad],
  [0x200b, 0x200f],
  [0x202a, 0x202e],
  [0x2060, 0x2069],
  [0xfe00, 0xfe0f],
  [0xfeff, 0xfeff],
];
const OTHER_SPACES: Ranges = [
  [0x2000, 0x2006],
  [0x2008, 0x200a],
  [0x205f, 0x205f],
  [0x3000, 0x3000],
];
const within = (c: string, ranges: Ranges) => {
  const cp = c.codePointAt(0) ?? 0;
  return ranges.some(([from, to]) => cp >= from && cp <= to);
};
const COMBINING = /[\u0300-\u036F]/g;

/** True when pdfkit's standard fonts can draw this character (one code point). */
export function isWinAnsiChar(c: string): boolean {
  const cp = c.codePointAt(0) ?? 0;
  return c === "\n" || (cp >= 0x20 && cp <= 0x7e) || (cp >= 0xa0 && cp <= 0xff) || WIN_ANSI_EXTRA.has(cp);
}

export function isWinAnsi(s: string): boolean {
  return Array.from(s).every(isWinAnsiChar);
}

function replacement(c: string): string {
  const mapped = REPLACEMENTS[c];
  if (mapped !== undefined) return mapped;
  if (within(c, INVISIBLE)) return "";
  if (within(c, OTHER_SPACES)) return " ";
  const base = c.normalize("NFKD").replace(COMBINING, "");
  if (base === "") return ""; // a lone combining mark
  return isWinAnsi(base) ? base : "?";
}

/** `text` with only characters pdfkit's standard fonts can draw (see the module comment). */
export function toWinAnsi(text: string): string {
  let out = "";
  for (const c of text.replace(/\r\n?/g, "\n").normalize("NFC")) {
    out += c !== SOFT_HYPHEN && isWinAnsiChar(c) ? c : replacement(c);
  }
  return out;
}
