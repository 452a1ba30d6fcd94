/**
 * Seed of the rates table, 2015-S1 … 2026-S2 (figures and sources: ../shared/LAW.md §3 and the public sources below). One row per semester and kind:
 * - `ecb_refi`: the ECB main refinancing operations rate **in force on the first day** of the semester
 *   (C. com. L441-10 II: the 1 January rate for January–June, the 1 July rate for July–December);
 * - `legal_individual` / `legal_other`: the taux de l'intérêt légal fixed by arrêté each semester
 *   (C. mon. fin. L313-2, D313-1-A), for a creditor who is a private individual not acting for professional
 *   needs, and for all other cases.
 * 2026-S2: the ECB figure is unconfirmed and both taux légal are not known yet, so they are left out: a
 * computation that needs them answers `law.rate_unknown`, never a guess.
 */
import type { RateEntry, RateKind } from "./rates.js";

/** The ECB sources: the decision that set the rate in force on the semester's first day. */
const ECB_2014_09 =
  "BCE, décision du 4/09/2014 (communiqué pr140904) : taux des opérations principales de refinancement 0,05 % à compter du 10/09/2014, en vigueur au 1er jour du semestre";
const ECB_2016_03 =
  "BCE, décision du 10/03/2016 : taux des opérations principales de refinancement 0,00 % à compter du 16/03/2016, inchangé jusqu'au 26/07/2022 (hausse à 0,50 % décidée le 21/07/2022, effective le 27/07/2022)";
const ECB_2015_S1_2016_S1_NOTE = "la baisse à 0,00 % du 16/03/2016 ne vaut qu'à partir du semestre suivant";
const LAW_MD =
  "Décisions de politique monétaire de la BCE ; arrêtés du taux de l'intérêt légal (JORF), repris par Bpifrance Création et Légifiscal";
const TRESOR =
  "Direction générale du Trésor, page « Taux de l'intérêt légal » (historique des taux depuis 2015, arrêtés semestriels pris en application de C. mon. fin. L313-2 et D313-1-A)";

interface SemesterRow {
  semester: string;
  ecb_bp: number;
  ecb_source: string;
  ecb_confirmed: boolean;
  /** undefined: not known yet (the rows are left out). */
  legal?: { individual_bp: number; other_bp: number; source: string; confirmed: boolean };
}

const ROWS: readonly SemesterRow[] = [
  {
    semester: "2015-S1",
    ecb_bp: 5,
    ecb_source: ECB_2014_09,
    ecb_confirmed: true,
    legal: {
      individual_bp: 406,
      other_bp: 93,
      source: `Arrêté du 23/12/2014, JORF du 27/12/2014 ; ${TRESOR}`,
      confirmed: true,
    },
  },
  {
    semester: "2015-S2",
    ecb_bp: 5,
    ecb_source: ECB_2014_09,
    ecb_confirmed: true,
    legal: { individual_bp: 429, other_bp: 99, source: `Arrêté du 24/06/2015 ; ${TRESOR}`, confirmed: true },
  },
  {
    semester: "2016-S1",
    ecb_bp: 5,
    ecb_source: `${ECB_2014_09} (${ECB_2015_S1_2016_S1_NOTE})`,
    ecb_confirmed: true,
    legal: {
      individual_bp: 454,
      other_bp: 101,
      source: `Arrêté du 23/12/2015, JORF du 27/12/2015 p. 24148 ; ${TRESOR}`,
      confirmed: true,
    },
  },
  {
    semester: "2016-S2",
    ecb_bp: 0,
    ecb_source: ECB_2016_03,
    ecb_confirmed: true,
    legal: {
      individual_bp: 435,
      other_bp: 93,
      source: `Arrêté semestriel (date non relevée) ; ${TRESOR}`,
      confirmed: true,
    },
  },
  {
    semester: "2017-S1",
    ecb_bp: 0,
    ecb_source: ECB_2016_03,
    ecb_confirmed: true,
    legal: {
      individual_bp: 416,
      other_bp: 90,
      source: `Arrêté semestriel (date non relevée) ; ${TRESOR}`,
      confirmed: true,
    },
  },
  {
    semester: "2017-S2",
    ecb_bp: 0,
    ecb_source: ECB_2016_03,
    ecb_confirmed: true,
    legal: {
      individual_bp: 394,
      other_bp: 90,
      source: `Arrêté du 26/06/2017, JORF n° 152 du 30/06/2017 ; ${TRESOR}`,
      confirmed: true,
    },
  },
  {
    semester: "2018-S1",
    ecb_bp: 0,
    ecb_source: ECB_2016_03,
    ecb_confirmed: true,
    legal: {
      individual_bp: 373,
      other_bp: 89,
      source: `Arrêté semestriel (date non relevée) ; ${TRESOR}`,
      confirmed: true,
    },
  },
  {
    semester: "2018-S2",
    ecb_bp: 0,
    ecb_source: ECB_2016_03,
    ecb_confirmed: true,
    legal: {
      individual_bp: 360,
      other_bp: 88,
      source: `Arrêté semestriel (date non relevée) ; ${TRESOR}`,
      confirmed: true,
    },
  },
  {
    semester: "2019-S1",
    ecb_bp: 0,
    ecb_source: ECB_2016_03,
    ecb_confirmed: true,
    legal: {
      individual_bp: 340,
      other_bp: 86,
      source: `Arrêté semestriel (date non relevée) ; ${TRESOR}`,
      confirmed: true,
    },
  },
  {
    semester: "2019-S2",
    ecb_bp: 0,
    ecb_source: ECB_2016_03,
    ecb_confirmed: true,
    legal: {
      individual_bp: 326,
      other_bp: 87,
      source: `Arrêté semestriel (date non relevée) ; ${TRESOR}`,
      confirmed: true,
    },
  },
  {
    semester: "2020-S1",
    ecb_bp: 0,
    ecb_source: ECB_2016_03,
    ecb_confirmed: true,
    legal: { individual_bp: 315, other_bp: 87, source: `Arrêté du 23/12/2019 ; ${TRESOR}`, confirmed: true },
  },
  {
    semester: "2020-S2",
    ecb_bp: 0,
    ecb_source: ECB_2016_03,
    ecb_confirmed: true,
    legal: {
      individual_bp: 311,
      other_bp: 84,
      source: "Arrêté du 15/06/2020, JORF du 18/06/2020 (devarenne-avocat.com, cbanque.com)",
      confirmed: true,
    },
  },
  {
    semester: "2021-S1",
    ecb_bp: 0,
    ecb_source: ECB_2016_03,
    ecb_confirmed: true,
    legal: {
      individual_bp: 314,
      other_bp: 79,
      source:
        "Arrêté semestriel (date non relevée) ; taux repris par forumeco.fr « Taux d'intérêt légal au premier semestre 2021 » et cabinet-cec.fr (2e semestre 2021, rappel du 1er)",
      confirmed: true,
    },
  },
  {
    semester: "2021-S2",
    ecb_bp: 0,
    ecb_source: ECB_2016_03,
    ecb_confirmed: true,
    legal: {
      individual_bp: 312,
      other_bp: 76,
      source:
        "Arrêté semestriel (date non relevée) ; taux repris par cabinet-cec.fr et dandrel-avocats.fr « Taux de l'intérêt légal du 2nd semestre 2021 »",
      confirmed: true,
    },
  },
  {
    semester: "2022-S1",
    ecb_bp: 0,
    ecb_source: ECB_2016_03,
    ecb_confirmed: true,
    legal: {
      individual_bp: 313,
      other_bp: 76,
      source:
        "Arrêté ECOT2138139A du 26/12/2021, JORF du 28/12/2021 (Lefebvre Dalloz via notaires2normandie.com)",
      confirmed: true,
    },
  },
  {
    semester: "2022-S2",
    ecb_bp: 0,
    ecb_source: `${ECB_2016_03} — au 1/07/2022 le taux était encore de 0,00 %`,
    ecb_confirmed: true,
    legal: {
      individual_bp: 315,
      other_bp: 77,
      source: "Arrêté ECOT2218806A du 27/06/2022, JORF du 02/07/2022 (bejuris.fr, Lefebvre Dalloz)",
      confirmed: true,
    },
  },
  {
    semester: "2023-S1",
    ecb_bp: 250,
    ecb_source: `BCE, 2,50 % à compter du 21/12/2022 ; ${LAW_MD}`,
    ecb_confirmed: true,
    legal: {
      individual_bp: 447,
      other_bp: 206,
      source: `Arrêté semestriel (date non relevée) ; ${LAW_MD}`,
      confirmed: true,
    },
  },
  {
    semester: "2023-S2",
    ecb_bp: 400,
    ecb_source: `BCE, 4,00 % à compter du 21/06/2023 ; ${LAW_MD}`,
    ecb_confirmed: true,
    legal: {
      individual_bp: 682,
      other_bp: 422,
      source: `Arrêté ECOT2317028A du 27/06/2023, JORF du 30/06/2023 ; ${LAW_MD}`,
      confirmed: true,
    },
  },
  {
    semester: "2024-S1",
    ecb_bp: 450,
    ecb_source: `BCE, 4,50 % à compter du 20/09/2023 ; ${LAW_MD}`,
    ecb_confirmed: true,
    legal: {
      individual_bp: 801,
      other_bp: 507,
      source: `Arrêté semestriel (date non relevée) ; ${LAW_MD}`,
      confirmed: true,
    },
  },
  {
    semester: "2024-S2",
    ecb_bp: 425,
    ecb_source: `BCE, 4,25 % à compter du 12/06/2024 ; ${LAW_MD}`,
    ecb_confirmed: true,
    legal: {
      individual_bp: 816,
      other_bp: 492,
      source: `Arrêté semestriel (date non relevée) ; ${LAW_MD}`,
      confirmed: true,
    },
  },
  {
    semester: "2025-S1",
    ecb_bp: 315,
    ecb_source: `BCE, 3,15 % à compter du 18/12/2024 ; ${LAW_MD}`,
    ecb_confirmed: true,
    legal: {
      individual_bp: 721,
      other_bp: 371,
      source: `Arrêté semestriel (date non relevée) ; ${LAW_MD}`,
      confirmed: true,
    },
  },
  {
    semester: "2025-S2",
    ecb_bp: 215,
    ecb_source: `BCE, 2,15 % à compter du 11/06/2025 ; ${LAW_MD}`,
    ecb_confirmed: true,
    legal: {
      individual_bp: 665,
      other_bp: 276,
      source: `Arrêté semestriel (date non relevée) ; ${LAW_MD}`,
      confirmed: true,
    },
  },
  {
    semester: "2026-S1",
    ecb_bp: 215,
    ecb_source: `BCE, 2,15 % (maintenu en décembre 2025) ; ${LAW_MD}`,
    ecb_confirmed: true,
    legal: {
      individual_bp: 667,
      other_bp: 262,
      source: `Arrêté semestriel (date non relevée) ; ${LAW_MD}`,
      confirmed: true,
    },
  },
  {
    semester: "2026-S2",
    ecb_bp: 240,
    ecb_source:
      "NON CONFIRMÉ : hausse de 25 points de base annoncée le 11/06/2026, à vérifier sur le site de la BCE",
    ecb_confirmed: false,
    // taux de l'intérêt légal 2026-S2: unknown (arrêté not found) — rows left out on purpose.
  },
];

function bounds(semester: string): { valid_from: string; valid_to: string } {
  const [year, half] = semester.split("-S");
  return half === "1"
    ? { valid_from: `${year}-01-01`, valid_to: `${year}-06-30` }
    : { valid_from: `${year}-07-01`, valid_to: `${year}-12-31` };
}

function entry(
  kind: RateKind,
  semester: string,
  rate_bp: number,
  source: string,
  confirmed: boolean,
): RateEntry {
  return { kind, ...bounds(semester), rate_bp, source, confirmed };
}

export const SEED_RATES: readonly RateEntry[] = Object.freeze(
  ROWS.flatMap((r) => [
    entry("ecb_refi", r.semester, r.ecb_bp, r.ecb_source, r.ecb_confirmed),
    ...(r.legal
      ? [
          entry("legal_individual", r.semester, r.legal.individual_bp, r.legal.source, r.legal.confirmed),
          entry("legal_other", r.semester, r.legal.other_bp, r.legal.source, r.legal.confirmed),
        ]
      : []),
  ]).map((e) => Object.freeze(e)),
);
