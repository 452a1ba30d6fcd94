import { describe, expect, it } from "vitest";
import { chooseCourt } from "./court.js";

const at = (postal_code: string | null, city: string | null, country = "FR") => ({
  postal_code,
  city,
  country,
});

describe("chooseCourt", () => {
  it("takes the court's kind from the caller and its seat from the debtor's postcode", () => {
    expect(chooseCourt({ court: "tribunal_de_commerce", debtor: at("69003", "Lyon") })).toMatchObject({
      name: "Tribunal de commerce de Lyon",
      cerfa: "12946*02",
      known: true,
      cour_d_appel: "Lyon",
    });
    expect(chooseCourt({ court: "tribunal_judiciaire", debtor: at("13 008", "Marseille") })).toMatchObject({
      name: "Tribunal judiciaire de Marseille",
      cerfa: "12948*06",
      cour_d_appel: "Aix-en-Provence",
    });
  });

  it("flags the table as unverified, and asks to look up a town it does not know", () => {
    const known = chooseCourt({ court: "tribunal_judiciaire", debtor: at("75011", "Paris") });
    expect(known.warnings.map((w) => w.code)).toEqual(["recovery.court_unverified"]);
    const unknown = chooseCourt({ court: "tribunal_judiciaire", debtor: at("01250", "Ceyzériat") });
    expect(unknown).toMatchObject({
      known: false,
      name: "Tribunal judiciaire compétent pour 01250 Ceyzériat",
    });
    expect(unknown.warnings).toEqual([
      { code: "recovery.court_lookup", params: { place: "01250 Ceyzériat" } },
    ]);
  });

  it("sends commercial cases of Alsace-Moselle to the tribunal judiciaire's commercial chamber", () => {
    const strasbourg = chooseCourt({ court: "tribunal_de_commerce", debtor: at("67000", "Strasbourg") });
    expect(strasbourg.name).toBe("Tribunal judiciaire de Strasbourg (chambre commerciale)");
    expect(strasbourg.warnings.map((w) => w.code)).toContain("recovery.court_alsace_moselle");
    const metz = chooseCourt({ court: "tribunal_de_commerce", debtor: at("57000", "Metz") });
    expect(metz.name).toBe("Tribunal judiciaire (chambre commerciale) compétent pour 57000 Metz");
  });

  it("names no French court without an address or abroad", () => {
    expect(chooseCourt({ court: "tribunal_judiciaire", debtor: at(null, null) }).warnings[0]?.code).toBe(
      "recovery.court_no_address",
    );
    expect(
      chooseCourt({ court: "tribunal_judiciaire", debtor: at("10115", "Berlin", "DE") }).warnings[0]?.code,
    ).toBe("recovery.court_abroad");
  });
});
