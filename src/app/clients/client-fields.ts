import { normalizeName } from "../../core/clients/normalize-name.js";
import {
  checkEmail,
  checkSiren,
  checkSiret,
  checkVatNumber,
  sirenFromSiret,
} from "../../core/identifiers.js";
import { parsePaymentTerm, storedTerm } from "../../core/law/terms.js";
import type { Result } from "../../core/result.js";
import type {
  Client,
  ClientKind,
  ClientTable,
  Contact,
  ContactTable,
  MerchantStatus,
} from "../../db/schema.js";
import type { FieldProblem } from "../errors.js";

/**
 * The editable fields of a client, as received (types and lengths already checked at the edge). `undefined`
 * leaves a field as it is; `null` or a blank string clears it.
 */
export interface ClientInput {
  kind?: ClientKind;
  name?: string;
  siren?: string | null;
  siret?: string | null;
  vat_number?: string | null;
  address?: string | null;
  postal_code?: string | null;
  city?: string | null;
  country?: string | null;
  language?: "fr" | "en";
  notes?: string | null;
  tags?: string[];
  /** The client's own payment term as typed ("60 jours"); null: the organization's. */
  payment_term?: string | null;
  /** Whether the client is a commerçant (merchant); null: unknown. */
  merchant_status?: MerchantStatus | null;
  /** The client's own dunning sequence (checked by the caller); null: the default for its kind. */
  dunning_sequence_id?: string | null;
}

export interface ContactInput {
  name?: string | null;
  role?: string | null;
  email?: string | null;
  phone?: string | null;
  is_billing?: boolean;
}

type ClientColumns = Pick<
  ClientTable,
  | "kind"
  | "name"
  | "normalized_name"
  | "siren"
  | "siret"
  | "vat_number"
  | "address"
  | "postal_code"
  | "city"
  | "country"
  | "language"
  | "notes"
  | "tags"
  | "payment_term"
  | "merchant_status"
> & { dunning_sequence_id: string | null };

/** undefined: not given; null: cleared; else the trimmed text. */
function text(value: string | null | undefined): string | null | undefined {
  if (value === undefined) return undefined;
  if (value === null) return null;
  const trimmed = value.trim();
  return trimmed === "" ? null : trimmed;
}

function checked(
  value: string | null | undefined,
  path: string,
  check: (s: string) => Result<string>,
  problems: FieldProblem[],
): string | null | undefined {
  const v = text(value);
  if (v === undefined || v === null) return v;
  const r = check(v);
  if (r.ok) return r.value;
  problems.push({ path, messageCode: r.problem.code, params: r.problem.params ?? {} });
  return undefined;
}

/**
 * The columns to write for `input` over `current` (none when creating): identifiers checked and normalized, a
 * SIRET implies its SIREN (a SIREN given with it must match), `normalized_name` follows the name, tags are
 * trimmed and deduplicated. Problems are pushed with the path of their field.
 */
export function clientChanges(
  input: ClientInput,
  current: Client | undefined,
  problems: FieldProblem[],
): Partial<ClientColumns> {
  const changes: Partial<ClientColumns> = {};
  if (input.kind !== undefined) changes.kind = input.kind;
  if (input.name !== undefined) {
    const name = input.name.trim();
    if (name === "") problems.push({ path: "name", messageCode: "field.required" });
    changes.name = name;
    changes.normalized_name = normalizeName(name);
  }
  const siren = checked(input.siren, "siren", checkSiren, problems);
  const siret = checked(input.siret, "siret", checkSiret, problems);
  if (siret !== undefined) changes.siret = siret;
  if (siren !== undefined) changes.siren = siren;
  const finalSiret = siret !== undefined ? siret : (current?.siret ?? null);
  const implied = finalSiret ? sirenFromSiret(finalSiret) : undefined;
  if (implied) {
    if (typeof siren === "string" && siren !== implied) {
      problems.push({
        path: siret !== undefined ? "siret" : "siren",
        messageCode: "siret.siren_mismatch",
        params: { siret: finalSiret ?? "", siren },
      });
    } else if (implied !== current?.siren || siren === null) {
      changes.siren = implied;
    }
  }
  const vat = checked(input.vat_number, "vat_number", checkVatNumber, problems);
  if (vat !== undefined) changes.vat_number = vat;
  for (const key of ["address", "postal_code", "city", "notes"] as const) {
    const v = text(input[key]);
    if (v !== undefined) changes[key] = v;
  }
  if (input.country !== undefined) changes.country = text(input.country)?.toUpperCase() ?? "FR";
  if (input.language !== undefined) changes.language = input.language;
  const term = text(input.payment_term);
  if (term === null) changes.payment_term = null;
  else if (term !== undefined) {
    const parsed = parsePaymentTerm(term);
    if (parsed.ok) changes.payment_term = storedTerm(parsed.value);
    else
      problems.push({
        path: "payment_term",
        messageCode: parsed.problem.code,
        params: parsed.problem.params ?? {},
      });
  }
  if (input.merchant_status !== undefined) changes.merchant_status = input.merchant_status;
  if (input.dunning_sequence_id !== undefined) changes.dunning_sequence_id = input.dunning_sequence_id;
  if (input.tags !== undefined) {
    changes.tags = JSON.stringify([...new Set(input.tags.map((t) => t.trim()).filter((t) => t !== ""))]);
  }
  return changes;
}

type ContactColumns = Pick<ContactTable, "name" | "role" | "email" | "phone" | "is_billing">;

/**
 * The contact columns to write for `input` over `current`: the e-mail checked, blank text cleared; a contact
 * needs at least a name, an e-mail or a phone. `prefix` is the path of the contact in the request ("contacts.0.").
 */
export function contactChanges(
  input: ContactInput,
  current: Contact | undefined,
  problems: FieldProblem[],
  prefix = "",
): Partial<ContactColumns> {
  const changes: Partial<ContactColumns> = {};
  for (const key of ["name", "role", "phone"] as const) {
    const v = text(input[key]);
    if (v !== undefined) changes[key] = v;
  }
  const email = checked(input.email, `${prefix}email`, checkEmail, problems);
  if (email !== undefined) changes.email = email;
  if (input.is_billing !== undefined) changes.is_billing = input.is_billing ? 1 : 0;
  const has = (key: "name" | "email" | "phone") => {
    const given = text(input[key]);
    return given !== undefined ? given !== null : (current?.[key] ?? null) !== null;
  };
  if (!has("name") && !has("email") && !has("phone")) {
    problems.push({ path: `${prefix}name`, messageCode: "contact.empty" });
  }
  return changes;
}
