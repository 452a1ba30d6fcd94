import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/** The core takes `today` and data as arguments: no clock, no I/O, no environment, no outer layers. */
const root = dirname(fileURLToPath(import.meta.url));
const ALLOWED_PACKAGES = new Set(["temporal-polyfill", "ibantools", "@socialgouv/jours-feries"]);
const FORBIDDEN = [
  /\bDate\.now\b/,
  /new Date\(\s*\)/,
  /\bprocess\./,
  /\bMath\.random\b/,
  /\bconsole\./,
  /\bIntl\./,
];

const sources = (readdirSync(root, { recursive: true }) as string[])
  .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts") && !f.endsWith(".d.ts"))
  .sort();

describe("src/core stays pure", () => {
  it("has sources to check", () => {
    expect(sources).toContain("money.ts");
  });
  it.each(sources)("%s", (file) => {
    const text = readFileSync(join(root, file), "utf8");
    for (const pattern of FORBIDDEN) expect(text, `${pattern}`).not.toMatch(pattern);
    for (const [, spec = ""] of text.matchAll(/from\s+"([^"]+)"/g)) {
      if (spec.startsWith(".")) {
        const target = relative(root, resolve(root, dirname(file), spec));
        expect(target.startsWith(".."), `${spec} leaves src/core`).toBe(false);
      } else {
        expect(ALLOWED_PACKAGES.has(spec), `${spec} is not an allowed package`).toBe(true);
      }
    }
  });
});
