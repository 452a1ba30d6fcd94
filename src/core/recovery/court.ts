/**
 * The court of an injonction de payer (LAW.md §7): its kind follows the debtor's type (eligibility.ts: the tribunal
 * de commerce between merchants, Cerfa 12946*02; otherwise the tribunal judiciaire, Cerfa 12948*06), its place the
 * debtor's address — « la juridiction du lieu où demeure le débiteur » (CPC 1406, a rule of public order; the
 * article number is not in LAW.md). The seat comes from a small, unverified table (court-data.ts); the small-claims
 * commissaire de justice must practise in the debtor's cour d'appel area (R125-1 CPCE), given when known.
 */
import type { Cerfa, Court } from "../law/eligibility.js";
import { isInFrance } from "../law/eligibility.js";
import type { LawWarning } from "../law/terms.js";
import { COURT_DATA, type CourtSeat } from "./court-data.js";

export interface CourtInput {
  court: Court;
  debtor: { postal_code: string | null; city: string | null; country: string };
}

export interface CourtChoice {
  court: Court;
  cerfa: Cerfa;
  /** The court's name as the requête addresses it ("Tribunal judiciaire de Lyon"). */
  name: string;
  /** Whether the seat was found in the table (false: `name` says which town's court to look up). */
  known: boolean;
  seat_city: string | null;
  cour_d_appel: string | null;
  basis: string;
  warnings: LawWarning[];
}

const CERFA: Record<Court, Cerfa> = { tribunal_de_commerce: "12946*02", tribunal_judiciaire: "12948*06" };
const LABEL: Record<Court, string> = {
  tribunal_de_commerce: "Tribunal de commerce",
  tribunal_judiciaire: "Tribunal judiciaire",
};

export function seatOf(postalCode: string | null): CourtSeat | undefined {
  const code = (postalCode ?? "").replace(/\s/g, "");
  return COURT_DATA.seats.find((s) => s.postcodes.includes(code));
}

export function chooseCourt(input: CourtInput): CourtChoice {
  const { court, debtor } = input;
  const postal = (debtor.postal_code ?? "").replace(/\s/g, "");
  const town = (debtor.city ?? "").trim();
  const warnings: LawWarning[] = [];
  const base = { court, cerfa: CERFA[court], basis: "CPC 1406" };
  if (!isInFrance(debtor.country)) {
    warnings.push({ code: "recovery.court_abroad", params: { country: debtor.country } });
    return { ...base, name: LABEL[court], known: false, seat_city: null, cour_d_appel: null, warnings };
  }
  if (!/^\d{5}$/.test(postal) && town === "") {
    warnings.push({ code: "recovery.court_no_address", params: {} });
    return { ...base, name: LABEL[court], known: false, seat_city: null, cour_d_appel: null, warnings };
  }
  const alsaceMoselle = (COURT_DATA.alsace_moselle as readonly string[]).includes(postal.slice(0, 2));
  if (court === "tribunal_de_commerce" && alsaceMoselle)
    warnings.push({ code: "recovery.court_alsace_moselle", params: {} });
  const seat = seatOf(postal);
  if (seat) {
    const name =
      court === "tribunal_judiciaire"
        ? seat.tribunal_judiciaire
        : (seat.tribunal_de_commerce ?? `${seat.tribunal_judiciaire} (chambre commerciale)`);
    warnings.push({ code: "recovery.court_unverified", params: { source: COURT_DATA.source } });
    return { ...base, name, known: true, seat_city: seat.city, cour_d_appel: seat.cour_d_appel, warnings };
  }
  const place = [postal, town].filter(Boolean).join(" ");
  warnings.push({ code: "recovery.court_lookup", params: { place } });
  const name =
    court === "tribunal_de_commerce" && alsaceMoselle
      ? `Tribunal judiciaire (chambre commerciale) compétent pour ${place}`
      : `${LABEL[court]} compétent pour ${place}`;
  return { ...base, name, known: false, seat_city: null, cour_d_appel: null, warnings };
}
