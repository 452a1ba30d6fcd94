import { describe, expect, it } from "vitest";
import { normalizeName } from "./normalize-name.js";

describe("normalizeName", () => {
  it.each([
    ["Boulangerie Dupont", "boulangerie dupont"],
    ["BOULANGERIE  DUPONT SARL", "boulangerie dupont"],
    ["Boulangerie Dupont S.A.R.L.", "boulangerie dupont"],
    ["SAS Éléphant & Co", "elephant et co"],
    ["Café-Théâtre L'Étoile", "cafe theatre l etoile"],
    ["SARL", "sarl"],
  ])("%s → %s", (input, expected) => {
    expect(normalizeName(input)).toBe(expected);
  });

  it("tells different clients apart", () => {
    expect(normalizeName("Dupont Plomberie")).not.toBe(normalizeName("Dupond Plomberie"));
  });
});
