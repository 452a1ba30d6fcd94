import { fail, ok, type Result } from "../../core/result.js";
import { fieldFromName, TRACKING_FIELDS } from "./headers.js";
import type { TrackingField } from "./types.js";

/**
 * `--map "Header=field"` options. The field is a TrackingField name (`due_date`, `ignore`), a French name
 * (`echeance`, `ttc`, `ignorer`) or any header text Relance recognises (`Montant HT`); case and accents do
 * not matter. The header is everything before the last `=`, trimmed.
 */
export function parseMapOption(specs: readonly string[]): Result<Record<string, TrackingField>> {
  const map: Record<string, TrackingField> = {};
  for (const spec of specs) {
    const at = spec.lastIndexOf("=");
    const header = at < 0 ? "" : spec.slice(0, at).trim();
    const name = at < 0 ? "" : spec.slice(at + 1).trim();
    if (header === "" || name === "") return fail("map.invalid", { spec });
    const field = fieldFromName(name);
    if (field === undefined) {
      return fail("map.unknown_field", { spec, field: name, fields: TRACKING_FIELDS.join(", ") });
    }
    Object.defineProperty(map, header, {
      value: field,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return ok(map);
}
