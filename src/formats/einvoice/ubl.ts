import { frenchIds, kindOfTypeCode } from "./parties.js";
import type { EInvoice, EInvoiceParty, EInvoiceResult } from "./types.js";
import { attr, child, children, FieldReader, problem, text, type XmlNode } from "./xml.js";

function inCurrency(nodes: XmlNode[], currency: string): XmlNode | undefined {
  return nodes.find((n) => (attr(n, "currencyID") ?? currency) === currency) ?? nodes[0];
}

function party(node: XmlNode | undefined, where: string, reader: FieldReader): EInvoiceParty {
  const p = child(node, "Party");
  const name = reader.required(
    text(child(p, "PartyLegalEntity", "RegistrationName")) ?? text(child(p, "PartyName", "Name")),
    `${where}/Party/PartyLegalEntity/RegistrationName`,
    "name",
  );
  const legal = child(p, "PartyLegalEntity", "CompanyID");
  const legalValue = text(legal);
  const scheme = attr(legal, "schemeID");
  const vat = children(p, "PartyTaxScheme").find((s) => text(child(s, "TaxScheme", "ID")) === "VAT");
  const vatNumber = text(child(vat, "CompanyID"));
  const endpoint = child(p, "EndpointID");
  const email =
    text(child(p, "Contact", "ElectronicMail")) ??
    (attr(endpoint, "schemeID") === "EM" ? text(endpoint) : undefined);
  const address = child(p, "PostalAddress");
  const base = {
    name,
    ...(legalValue ? { legalId: { value: legalValue, ...(scheme ? { scheme } : {}) } } : {}),
    ...(vatNumber ? { vatNumber } : {}),
    ...(email ? { email } : {}),
    address: Object.fromEntries(
      [
        ["line", text(child(address, "StreetName"))],
        ["postalCode", text(child(address, "PostalZone"))],
        ["city", text(child(address, "CityName"))],
        ["country", text(child(address, "Country", "IdentificationCode"))],
      ].filter(([, v]) => v !== undefined),
    ),
  };
  return { ...base, ...frenchIds(base) };
}

/** Reads an OASIS UBL 2.1 Invoice or CreditNote (EN 16931, Peppol BIS, XRechnung UBL). */
export function readUbl(root: XmlNode): EInvoiceResult {
  const isCredit = child(root, "CreditNote") !== undefined;
  const doc = child(root, isCredit ? "CreditNote" : "Invoice");
  if (doc === undefined) return { ok: false, problems: [problem("einvoice.not_einvoice", "", {})] };
  const reader = new FieldReader();
  const typeName = isCredit ? "CreditNoteTypeCode" : "InvoiceTypeCode";
  const number = reader.required(text(child(doc, "ID")), "ID", "number");
  const typeCode = reader.required(text(child(doc, typeName)), typeName, "type");
  const kind = kindOfTypeCode(typeCode);
  if (typeCode !== "" && kind === undefined) {
    reader.problems.push(problem("einvoice.unsupported_type", typeName, { code: typeCode }));
  }
  const issueDate = reader.date(text(child(doc, "IssueDate")), "IssueDate", "issue_date", true);
  const dueText =
    text(child(doc, "DueDate")) ??
    children(doc, "PaymentMeans")
      .map((m) => text(child(m, "PaymentDueDate")))
      .find((d) => d !== undefined);
  const dueDate = reader.date(dueText, "DueDate", "due_date", false);
  const deliveryDate = reader.date(
    text(child(doc, "Delivery", "ActualDeliveryDate")),
    "Delivery/ActualDeliveryDate",
    "delivery_date",
    false,
  );
  const currency = reader.required(
    text(child(doc, "DocumentCurrencyCode")),
    "DocumentCurrencyCode",
    "currency",
  );
  const totals = child(doc, "LegalMonetaryTotal");
  const amount = (name: string, field: string, required: boolean) =>
    reader.amount(
      inCurrency(children(totals, name), currency),
      `LegalMonetaryTotal/${name}`,
      field,
      required,
    );
  const totalHtCents = amount("TaxExclusiveAmount", "total_ht", false);
  const totalTtcCents = amount("TaxInclusiveAmount", "total", true);
  const prepaidCents = amount("PrepaidAmount", "prepaid", false);
  const duePayableCents = amount("PayableAmount", "due_payable", false);
  const taxTotals = children(doc, "TaxTotal").map((t) => child(t, "TaxAmount"));
  const totalVatCents = reader.amount(
    inCurrency(
      taxTotals.filter((t) => t !== undefined),
      currency,
    ),
    "TaxTotal/TaxAmount",
    "total_vat",
    false,
  );
  const seller = party(child(doc, "AccountingSupplierParty"), "AccountingSupplierParty", reader);
  const buyer = party(child(doc, "AccountingCustomerParty"), "AccountingCustomerParty", reader);
  if (reader.problems.length > 0) return { ok: false, problems: reader.problems };

  const profile = text(child(doc, "CustomizationID"));
  const preceding = text(child(doc, "BillingReference", "InvoiceDocumentReference", "ID"));
  const paymentTerms = text(child(doc, "PaymentTerms", "Note"));
  const result: EInvoice = {
    syntax: "ubl",
    number,
    typeCode,
    kind: kind ?? "invoice",
    issueDate: issueDate as string,
    currency,
    totalTtcCents: totalTtcCents as number,
    seller,
    buyer,
    ...(profile ? { profile } : {}),
    ...(dueDate ? { dueDate } : {}),
    ...(deliveryDate ? { deliveryDate } : {}),
    ...(totalHtCents !== undefined ? { totalHtCents } : {}),
    ...(totalVatCents !== undefined ? { totalVatCents } : {}),
    ...(prepaidCents !== undefined ? { prepaidCents } : {}),
    ...(duePayableCents !== undefined ? { duePayableCents } : {}),
    ...(preceding ? { precedingInvoice: preceding } : {}),
    ...(paymentTerms ? { paymentTerms } : {}),
  };
  return { ok: true, invoice: result };
}
