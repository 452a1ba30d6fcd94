/**
 * Where the courts sit for the debtor's address — a small table of the largest cities only, to be verified against
 * the annuaire des juridictions (justice.fr) before it is relied upon: **unverified data** (`COURT_DATA.verified`
 * is false, and every court choice carries a warning saying so). A postcode not listed gets no seat: the user is
 * asked to look up the court competent for the debtor's town; the name can be typed on the procedure.
 *
 * Notes kept with the data (not stated by LAW.md, to verify):
 * - Alsace-Moselle (departments 57, 67, 68) has no tribunal de commerce: commercial cases go to the chambre
 *   commerciale of the tribunal judiciaire.
 * - Since 1 January 2025 some tribunaux de commerce (Paris, Lyon, Marseille among them) sit as « tribunal des
 *   activités économiques » on a trial basis (loi n° 2023-1059); the name below is the historical one.
 */
export interface CourtSeat {
  /** The town as printed. */
  city: string;
  /** Five-digit postcodes of the town. */
  postcodes: readonly string[];
  tribunal_judiciaire: string;
  /** Null in Alsace-Moselle (chambre commerciale of the tribunal judiciaire). */
  tribunal_de_commerce: string | null;
  cour_d_appel: string;
}

const range = (from: number, to: number, step = 1): string[] => {
  const out: string[] = [];
  for (let n = from; n <= to; n += step) out.push(String(n).padStart(5, "0"));
  return out;
};

export const COURT_DATA = {
  verified: false,
  source: "annuaire des juridictions, justice.fr (à vérifier)",
  seats: [
    {
      city: "Paris",
      postcodes: [...range(75001, 75020), "75116"],
      tribunal_judiciaire: "Tribunal judiciaire de Paris",
      tribunal_de_commerce: "Tribunal de commerce de Paris",
      cour_d_appel: "Paris",
    },
    {
      city: "Lyon",
      postcodes: range(69001, 69009),
      tribunal_judiciaire: "Tribunal judiciaire de Lyon",
      tribunal_de_commerce: "Tribunal de commerce de Lyon",
      cour_d_appel: "Lyon",
    },
    {
      city: "Marseille",
      postcodes: range(13001, 13016),
      tribunal_judiciaire: "Tribunal judiciaire de Marseille",
      tribunal_de_commerce: "Tribunal de commerce de Marseille",
      cour_d_appel: "Aix-en-Provence",
    },
    {
      city: "Toulouse",
      postcodes: range(31000, 31500, 100),
      tribunal_judiciaire: "Tribunal judiciaire de Toulouse",
      tribunal_de_commerce: "Tribunal de commerce de Toulouse",
      cour_d_appel: "Toulouse",
    },
    {
      city: "Nice",
      postcodes: range(6000, 6300, 100),
      tribunal_judiciaire: "Tribunal judiciaire de Nice",
      tribunal_de_commerce: "Tribunal de commerce de Nice",
      cour_d_appel: "Aix-en-Provence",
    },
    {
      city: "Nantes",
      postcodes: range(44000, 44300, 100),
      tribunal_judiciaire: "Tribunal judiciaire de Nantes",
      tribunal_de_commerce: "Tribunal de commerce de Nantes",
      cour_d_appel: "Rennes",
    },
    {
      city: "Strasbourg",
      postcodes: range(67000, 67200, 100),
      tribunal_judiciaire: "Tribunal judiciaire de Strasbourg",
      tribunal_de_commerce: null,
      cour_d_appel: "Colmar",
    },
    {
      city: "Montpellier",
      postcodes: ["34000", "34070", "34080", "34090"],
      tribunal_judiciaire: "Tribunal judiciaire de Montpellier",
      tribunal_de_commerce: "Tribunal de commerce de Montpellier",
      cour_d_appel: "Montpellier",
    },
    {
      city: "Bordeaux",
      postcodes: ["33000", "33100", "33200", "33300", "33800"],
      tribunal_judiciaire: "Tribunal judiciaire de Bordeaux",
      tribunal_de_commerce: "Tribunal de commerce de Bordeaux",
      cour_d_appel: "Bordeaux",
    },
    {
      city: "Lille",
      postcodes: ["59000", "59160", "59260", "59777", "59800"],
      tribunal_judiciaire: "Tribunal judiciaire de Lille",
      tribunal_de_commerce: "Tribunal de commerce de Lille Métropole",
      cour_d_appel: "Douai",
    },
    {
      city: "Rennes",
      postcodes: ["35000", "35200", "35700"],
      tribunal_judiciaire: "Tribunal judiciaire de Rennes",
      tribunal_de_commerce: "Tribunal de commerce de Rennes",
      cour_d_appel: "Rennes",
    },
  ] satisfies CourtSeat[],
  /** Departments without a tribunal de commerce (local law of Alsace-Moselle). */
  alsace_moselle: ["57", "67", "68"],
} as const;
