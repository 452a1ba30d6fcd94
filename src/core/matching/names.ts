/**
 * Payer names against client names. `nameTokens` normalises a name (accents, case, punctuation, legal forms
 * SARL/SAS/EURL/SA/SCI/EI…, civilities M./MME/MR, the "/DE" "/FRM" markers of French labels, small words); the
 * similarity of two names is token based: each token takes its best match in the other name (1 equal, 0.9 one a
 * prefix of the other of at least 4 letters — banks truncate names —, 0.8 one edit apart for tokens of 5 letters
 * or more), and the similarity is the sum over both names divided by the number of tokens of both (a Dice
 * coefficient with soft token equality): 1 for the same words in any order, 0 for nothing in common.
 */

const IGNORED = new Set([
  // legal forms (formes juridiques)
  "sarl",
  "sas",
  "sasu",
  "eurl",
  "sa",
  "sci",
  "snc",
  "scop",
  "scp",
  "selarl",
  "ei",
  "eirl",
  "ets",
  "etablissements",
  "societe",
  "ste",
  "ltd",
  "gmbh",
  // civilities and small words
  "m",
  "mme",
  "mr",
  "mlle",
  "monsieur",
  "madame",
  "ou",
  "et",
  "de",
  "du",
  "des",
  "la",
  "le",
  "les",
  "l",
  "d",
  // French label markers
  "frm",
  "vir",
  "sepa",
  "recu",
]);

/** The significant words of a name, lower case, without accents, in their order. */
export function nameTokens(name: string): string[] {
  return name
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase()
    .replace(/\b([a-z])\.(?=[a-z]\.)/g, "$1")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .split(" ")
    .filter((w) => w.length > 0 && !IGNORED.has(w));
}

/** The normalised form of a name: its significant words joined by one space (the key of learned aliases). */
export function normalizePayerName(name: string): string {
  return nameTokens(name).join(" ");
}

function oneEditApart(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true; // substitution
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2); // transposition
  }
  const [long, short] = a.length > b.length ? [a, b] : [b, a];
  return long.slice(i + 1) === short.slice(i);
}

function tokenSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (short.length >= 4 && long.startsWith(short)) return 0.9;
  if (short.length >= 5 && oneEditApart(a, b)) return 0.8;
  return 0;
}

function bestSum(from: string[], to: string[]): number {
  let sum = 0;
  for (const a of from) {
    let best = 0;
    for (const b of to) best = Math.max(best, tokenSimilarity(a, b));
    sum += best;
  }
  return sum;
}

/** Similarity in [0, 1] of two token lists (see the file comment). */
export function tokenListSimilarity(a: string[], b: string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  return (bestSum(a, b) + bestSum(b, a)) / (a.length + b.length);
}

/** Similarity in [0, 1] of two names. */
export function nameSimilarity(a: string, b: string): number {
  return tokenListSimilarity(nameTokens(a), nameTokens(b));
}

/**
 * The payer's name of a line: the counterparty name when the statement gives it, else the words after "/DE",
 * "/FRM", "DE:" or "DE " in the label up to the next "/" marker or "MOTIF"/"REF" (French labels such as
 * "VIR SEPA RECU /DE SARL MARTIN /MOTIF FACT F2025-0042"); null when none.
 */
export function payerNameOf(line: { counterparty_name: string | null; label: string }): string | null {
  if (line.counterparty_name !== null && line.counterparty_name.trim() !== "") return line.counterparty_name;
  const m = /(?:\/(?:DE|FRM)\b|\bDE ?:|\bVIR(?:EMENT)?(?: SEPA)?(?: RECU)? DE\b)\s*([^/]+?)\s*(?=\/|\bMOTIF\b|\bREF\b|$)/i.exec(
    line.label,
  );
  return m?.[1] !== undefined && m[1].trim() !== "" ? m[1].trim() : null;
}
