import type { Prng } from "./prng.js";

/** Word lists of the synthetic clients: common French surnames and trades, so that names collide as in life. */
export const SURNAMES = [
  "MARTIN",
  "BERNARD",
  "THOMAS",
  "PETIT",
  "ROBERT",
  "RICHARD",
  "DURAND",
  "DUBOIS",
  "MOREAU",
  "LAURENT",
  "SIMON",
  "MICHEL",
  "LEFEBVRE",
  "LEROY",
  "ROUX",
  "DAVID",
  "BERTRAND",
  "MOREL",
  "FOURNIER",
  "GIRARD",
  "BONNET",
  "DUPONT",
  "LAMBERT",
  "FONTAINE",
  "ROUSSEAU",
  "VINCENT",
  "MULLER",
  "LEFEVRE",
  "FAURE",
  "ANDRE",
  "MERCIER",
  "BLANC",
  "GUERIN",
  "BOYER",
  "GARNIER",
  "CHEVALIER",
  "FRANCOIS",
  "LEGRAND",
  "GAUTHIER",
  "GARCIA",
  "PERRIN",
  "ROBIN",
  "CLEMENT",
  "MORIN",
  "NICOLAS",
  "HENRY",
  "ROUSSEL",
  "MATHIEU",
  "GAUTIER",
  "MASSON",
];
export const TRADES = [
  "BOULANGERIE",
  "PLOMBERIE",
  "CONSEIL",
  "TRANSPORTS",
  "GARAGE",
  "PHARMACIE",
  "IMMOBILIER",
  "INFORMATIQUE",
  "ARCHITECTURE",
  "MENUISERIE",
  "ELECTRICITE",
  "RESTAURANT",
  "CABINET",
  "STUDIO",
  "AGENCE",
  "BATIMENT",
  "PAYSAGES",
  "COIFFURE",
  "OPTIQUE",
  "EDITIONS",
];
export const PLACES = [
  "NORD",
  "SUD",
  "EST",
  "OUEST",
  "LYON",
  "PARIS",
  "NANTES",
  "LILLE",
  "BORDEAUX",
  "RENNES",
  "TOULOUSE",
  "MARSEILLE",
  "NICE",
  "GRENOBLE",
  "DIJON",
  "ATLANTIQUE",
  "ALPES",
  "PROVENCE",
];
export const FIRST_NAMES = [
  "JEAN",
  "MARIE",
  "PIERRE",
  "SOPHIE",
  "LUC",
  "ANNE",
  "PAUL",
  "CLAIRE",
  "LOUIS",
  "JULIE",
];
const FORMS = ["SARL", "SAS", "EURL", "SA", "SCI", "SASU", ""];

/** A client's name as the user typed it in Relance. */
export function clientName(r: Prng): { name: string; person: boolean } {
  const p = r.next();
  const sur = r.pick(SURNAMES);
  const trade = r.pick(TRADES);
  const form = r.pick(FORMS);
  if (p < 0.15) return { name: `${r.pick(FIRST_NAMES)} ${sur}`, person: true };
  if (p < 0.45)
    return {
      name: `${trade} ${sur} ${r.pick(PLACES)}`.toLowerCase().replace(/\b\w/g, (c) => c.toUpperCase()),
      person: false,
    };
  if (p < 0.75) return { name: `${form} ${sur} ${trade} ${r.pick(PLACES)}`.trim(), person: false };
  return { name: `${sur} ${trade} ${form}`.trim(), person: false };
}

/** A name as a bank writes the payer: upper case, legal form moved or dropped, truncated, sometimes a typo. */
export function bankName(name: string, person: boolean, r: Prng): string {
  let s = name.toUpperCase();
  if (person && r.chance(0.5)) {
    const [first = "", ...rest] = s.split(" ");
    s = `${r.chance(0.5) ? "M OU MME " : "M "}${rest.join(" ")} ${first}`;
  } else if (!person && r.chance(0.3)) {
    s = s.replace(/\b(SARL|SAS|EURL|SA|SCI|SASU)\b/g, "").trim();
    if (r.chance(0.5)) s = `STE ${s}`;
  }
  if (r.chance(0.25)) s = s.slice(0, r.int(16, 24)).trim();
  if (r.chance(0.1)) s = typo(s, r);
  return s.replace(/\s+/g, " ");
}

/** One letter dropped or two swapped in a word of at least 6 letters. */
export function typo(s: string, r: Prng): string {
  const words = s.split(" ");
  const long = words.map((w, i) => [w, i] as const).filter(([w]) => w.length >= 6);
  if (long.length === 0) return s;
  const [w, i] = r.pick(long);
  const k = r.int(1, w.length - 2);
  words[i] = r.chance(0.5)
    ? w.slice(0, k) + w.slice(k + 1)
    : w.slice(0, k) + (w[k + 1] ?? "") + (w[k] ?? "") + w.slice(k + 2);
  return words.join(" ");
}
