import { frenchIds, kindOfTypeCode } from "./parties.js";
import type { EInvoice, EInvoiceParty, EInvoiceResult } from "./types.js";
import { attr, child, children, FieldReader, problem, text, type XmlNode } from "./xml.js";

const DOC = "ExchangedDocument";
const AGREEMENT = "SupplyChainTradeTransaction/ApplicableHeaderTradeAgreement";
const SETTLEMENT = "SupplyChainTradeTransaction/ApplicableHeaderTradeSettlement";
const SUMS = `${SETTLEMENT}/SpecifiedTradeSettlementHeaderMonetarySummation`;

function dateString(node: XmlNode | undefined): string | undefined {
  return text(child(node, "DateTimeString"));
}

/** The amount element in the invoice's currency when it is repeated (BT-110 may be given in two currencies). */
function inCurrency(nodes: XmlNode[], currency: string): XmlNode | undefined {
  return nodes.find((n) => (attr(n, "currencyID") ?? currency) === currency) ?? nodes[0];
}

function party(node: XmlNode | undefined, where: string, reader: FieldReader): EInvoiceParty {
  const name = reader.required(text(child(node, "Name")), `${where}/Name`, "name");
  const legal = child(node, "SpecifiedLegalOrganization", "ID");
  const legalValue = text(legal);
  const scheme = attr(legal, "schemeID");
  const vatNumber = children(node, "SpecifiedTaxRegistration")
    .map((r) => child(r, "ID"))
    .find((id) => attr(id, "schemeID") === "VA");
  const address = child(node, "PostalTradeAddress");
  const emailNode =
    children(node, "URIUniversalCommunication")
      .map((u) => child(u, "URIID"))
      .find((u) => attr(u, "schemeID") === "EM") ??
    child(node, "DefinedTradeContact", "EmailURIUniversalCommunication", "URIID");
  const base = {
    name,
    ...(legalValue ? { legalId: { value: legalValue, ...(scheme ? { scheme } : {}) } } : {}),
    ...(text(vatNumber) ? { vatNumber: text(vatNumber) as string } : {}),
    ...(text(emailNode) ? { email: text(emailNode) as string } : {}),
    address: Object.fromEntries(
      [
        ["line", text(child(address, "LineOne"))],
        ["postalCode", text(child(address, "PostcodeCode"))],
        ["city", text(child(address, "CityName"))],
        ["country", text(child(address, "CountryID"))],
      ].filter(([, v]) => v !== undefined),
    ),
  };
  return { ...base, ...frenchIds(base) };
}

/** Reads a UN/CEFACT Cross Industry Invoice (Factur-X / ZUGFeRD / XRechnung CII), any profile from MINIMUM. */
export function readCii(root: XmlNode): EInvoiceResult {
  const invoice = child(root, "CrossIndustryInvoice");
  if (invoice === undefined) {
    return { ok: false, problems: [problem("einvoice.not_einvoice", "", {})] };
  }
  const reader = new FieldReader();
  const doc = child(invoice, DOC);
  const tx = child(invoice, "SupplyChainTradeTransaction");
  const agreement = child(tx, "ApplicableHeaderTradeAgreement");
  const settlement = child(tx, "ApplicableHeaderTradeSettlement");
  const sums = child(settlement, "SpecifiedTradeSettlementHeaderMonetarySummation");

  const number = reader.required(text(child(doc, "ID")), `${DOC}/ID`, "number");
  const typeCode = reader.required(text(child(doc, "TypeCode")), `${DOC}/TypeCode`, "type");
  const kind = kindOfTypeCode(typeCode);
  if (typeCode !== "" && kind === undefined) {
    reader.problems.push(problem("einvoice.unsupported_type", `${DOC}/TypeCode`, { code: typeCode }));
  }
  const issueDate = reader.date(
    dateString(child(doc, "IssueDateTime")),
    `${DOC}/IssueDateTime`,
    "issue_date",
    true,
  );
  const terms = children(settlement, "SpecifiedTradePaymentTerms");
  const dueNode = terms.map((t) => child(t, "DueDateDateTime")).find((n) => n !== undefined);
  const dueDate = reader.date(
    dateString(dueNode),
    `${SETTLEMENT}/SpecifiedTradePaymentTerms/DueDateDateTime`,
    "due_date",
    false,
  );
  const deliveryDate = reader.date(
    dateString(
      child(tx, "ApplicableHeaderTradeDelivery", "ActualDeliverySupplyChainEvent", "OccurrenceDateTime"),
    ),
    "SupplyChainTradeTransaction/ApplicableHeaderTradeDelivery/ActualDeliverySupplyChainEvent",
    "delivery_date",
    false,
  );
  const currency = reader.required(
    text(child(settlement, "InvoiceCurrencyCode")),
    `${SETTLEMENT}/InvoiceCurrencyCode`,
    "currency",
  );
  const amount = (name: string, field: string, required: boolean) =>
    reader.amount(inCurrency(children(sums, name), currency), `${SUMS}/${name}`, field, required);
  const totalHtCents = amount("TaxBasisTotalAmount", "total_ht", false);
  const totalVatCents = amount("TaxTotalAmount", "total_vat", false);
  const totalTtcCents = amount("GrandTotalAmount", "total", true);
  const prepaidCents = amount("TotalPrepaidAmount", "prepaid", false);
  const duePayableCents = amount("DuePayableAmount", "due_payable", false);
  const seller = party(child(agreement, "SellerTradeParty"), `${AGREEMENT}/SellerTradeParty`, reader);
  const buyer = party(child(agreement, "BuyerTradeParty"), `${AGREEMENT}/BuyerTradeParty`, reader);
  if (reader.problems.length > 0) return { ok: false, problems: reader.problems };

  const profile = text(
    child(invoice, "ExchangedDocumentContext", "GuidelineSpecifiedDocumentContextParameter", "ID"),
  );
  const preceding = text(child(settlement, "InvoiceReferencedDocument", "IssuerAssignedID"));
  const paymentTerms = terms.map((t) => text(child(t, "Description"))).find((d) => d !== undefined);
  const result: EInvoice = {
    syntax: "cii",
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
