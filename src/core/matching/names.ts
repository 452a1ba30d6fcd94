/**
 * Payer names against client names. `nameTokens` normalises a name (accents, case, punctuation, legal forms
 * SARL/SAS/EURL/SA/SCI/EI…, civilities M./MME/MR, the "/DE" "/FRM" markers of French labels, small words); the
 * similarity of two names is token based: each token takes its best match in the other name (1 equal, 0.9 one a
 * prefix of the other of at least 4 letters — banks truncate names —, 0.8 one edit apart for tokens of 5 letters
 * or more, same first letter), and the similarity is the sum over both names divided by the number of tokens of both (a Dice
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
  if (a[0] !== b[0]) return 0; // also fast: names differing in their first letter are not taken for each other
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

/** The payer as a line gives it; `loose` when the name runs into the motif (labels with no "/" markers). */
export interface PayerText {
  name: string;
  loose: boolean;
}

/**
 * The payer of a line: the counterparty name when the statement gives it; else the words after "/DE" or "/FRM"
 * up to the next "/" marker (French labels such as "VIR SEPA RECU /DE SARL MARTIN /MOTIF FACT F2025-0042"); else,
 * loosely, the rest of a label "VIR RECU …", "VIREMENT DE …" (name and motif run together); null when none.
 */
export function payerOf(line: { counterparty_name: string | null; label: string }): PayerText | null {
  if (line.counterparty_name !== null && line.counterparty_name.trim() !== "") {
    return { name: line.counterparty_name.trim(), loose: false };
  }
  const marked = /\/(?:DE|FRM)\b:?\s*([^/]+?)\s*(?=\/|$)/i.exec(line.label);
  if (marked?.[1] !== undefined && marked[1].trim() !== "") return { name: marked[1].trim(), loose: false };
  const loose = /^\s*VIR(?:EMENT)?\.?(?: SEPA)?(?: RECU)?(?: DE\b:?)?\s+(.+)$/i.exec(line.label);
  if (loose?.[1] !== undefined && loose[1].trim() !== "") return { name: loose[1].trim(), loose: true };
  return null;
}

/** The payer's name of a line (see payerOf), null when none. */
export function payerNameOf(line: { counterparty_name: string | null; label: string }): string | null {
  return payerOf(line)?.name ?? null;
}

/** How much of `name` the `text` contains, in [0, 1] (for loose payer texts where the motif follows the name). */
export function containment(name: string[], text: string[]): number {
  return name.length === 0 || text.length === 0 ? 0 : bestSum(name, text) / name.length;
}
