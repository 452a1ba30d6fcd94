/** Legal-form words that do not tell two clients apart ("SARL Dupont" is "Dupont SARL"). */
const LEGAL_FORMS = new Set([
  "sarl",
  "sas",
  "sasu",
  "eurl",
  "sa",
  "sci",
  "snc",
  "scop",
  "ei",
  "eirl",
  "ets",
  "etablissements",
  "societe",
  "ste",
  "ltd",
  "inc",
  "gmbh",
]);

/**
 * The key used to match a client by name: lower case, without accents, punctuation or legal form,
 * words in their original order ("Boulangerie Dupont S.A.R.L." → "boulangerie dupont").
 */
export function normalizeName(name: string): string {
  const words = name
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase()
    .replace(/&/g, " et ")
    .replace(/\b([a-z])\.(?=[a-z]\.)/g, "$1")
    .replace(/\b([a-z])\.(?![a-z])/g, "$1")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim()
    .split(" ")
    .filter((w) => w.length > 0);
  const kept = words.filter((w) => !LEGAL_FORMS.has(w));
  return (kept.length > 0 ? kept : words).join(" ");
}
