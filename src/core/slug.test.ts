import { describe, expect, it } from "vitest";
import { slugify } from "./slug.js";

describe("slugify", () => {
  it.each([
    ["Plomberie Martin & Fils", "plomberie-martin-fils"],
    ["Électricité Générale Lyonnaise", "electricite-generale-lyonnaise"],
    ["  --Café de la Gare--  ", "cafe-de-la-gare"],
    ['A/B\\C"D', "a-b-c-d"],
    ["日本", "export"],
    ["", "export"],
  ])("%s → %s", (text, slug) => {
    expect(slugify(text)).toBe(slug);
  });
  it("cuts long names without a trailing dash", () => {
    expect(slugify(`${"a".repeat(59)} b`, "x", 60)).toBe("a".repeat(59));
  });
});
