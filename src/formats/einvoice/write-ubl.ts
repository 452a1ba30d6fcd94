import type { EInvoiceDocParty, EInvoiceDocument } from "../../core/invoices/einvoice.js";
import { EN16931_GUIDELINE } from "./write-cii.js";
import { decimalOfCents as amount, decimalOfScaled, el, type XmlElement, xmlDocument } from "./xml-writer.js";

const CAC = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2";
const CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2";

const rate = (bp: number) => decimalOfScaled(bp, 2);
const vatScheme = () => el("cac:TaxScheme", [el("cbc:ID", "VAT")]);

/** BG-4 / BG-7 in the order of the UBL 2.1 Party. */
function party(name: string, p: EInvoiceDocParty): XmlElement {
  const [one, two] = p.streetLines;
  return el(name, [
    el("cac:Party", [
      el("cac:PartyName", [el("cbc:Name", p.name)]),
      el("cac:PostalAddress", [
        el("cbc:StreetName", one),
        el("cbc:AdditionalStreetName", two),
        el("cbc:CityName", p.city),
        el("cbc:PostalZone", p.postalCode),
        p.streetLines.length > 2 &&
          el("cac:AddressLine", [el("cbc:Line", p.streetLines.slice(2).join(", "))]),
        el("cac:Country", [el("cbc:IdentificationCode", p.country)]),
      ]),
      p.vatNumber && el("cac:PartyTaxScheme", [el("cbc:CompanyID", p.vatNumber), vatScheme()]),
      el("cac:PartyLegalEntity", [
        el("cbc:RegistrationName", p.name),
        p.siren ? el("cbc:CompanyID", p.siren, { schemeID: "0002" }) : undefined,
      ]),
      p.email && el("cac:Contact", [el("cbc:ElectronicMail", p.email)]),
    ]),
  ]);
}

/**
 * The invoice as an OASIS UBL 2.1 Invoice, or CreditNote for type 381, with CustomizationID
 * urn:cen.eu:en16931:2017: the same EN 16931 fields as the CII (write-cii.ts), in UBL's elements and order. A
 * credit note has no DueDate element in UBL 2.1: its due date goes in PaymentMeans/PaymentDueDate.
 */
export function writeUbl(doc: EInvoiceDocument): Buffer {
  const credit = doc.typeCode === "381";
  const root = credit ? "CreditNote" : "Invoice";
  const currency = { currencyID: doc.currency };
  const lines = doc.lines.map((l) =>
    el(credit ? "cac:CreditNoteLine" : "cac:InvoiceLine", [
      el("cbc:ID", l.id),
      el(credit ? "cbc:CreditedQuantity" : "cbc:InvoicedQuantity", decimalOfScaled(l.quantityMilli, 3), {
        unitCode: l.unitCode,
      }),
      el("cbc:LineExtensionAmount", amount(l.netCents), currency),
      l.allowanceCents !== 0 &&
        el("cac:AllowanceCharge", [
          el("cbc:ChargeIndicator", "false"),
          // BR-41: a reason; UNCL 5189 95 « Discount »
          el("cbc:AllowanceChargeReasonCode", "95"),
          el("cbc:AllowanceChargeReason", "Remise"),
          el("cbc:Amount", amount(l.allowanceCents), currency),
        ]),
      el("cac:Item", [
        el("cbc:Name", l.name),
        el("cac:ClassifiedTaxCategory", [
          el("cbc:ID", l.category),
          el("cbc:Percent", rate(l.rateBp)),
          vatScheme(),
        ]),
      ]),
      el("cac:Price", [el("cbc:PriceAmount", amount(l.netPriceCents), currency)]),
    ]),
  );
  return xmlDocument(
    el(
      root,
      [
        el("cbc:CustomizationID", EN16931_GUIDELINE),
        el("cbc:ID", doc.number),
        el("cbc:IssueDate", doc.issueDate),
        !credit && el("cbc:DueDate", doc.dueDate),
        el(credit ? "cbc:CreditNoteTypeCode" : "cbc:InvoiceTypeCode", doc.typeCode),
        // UBL notes have no subject code: EN 16931's UBL binding writes it as "#CODE#text".
        ...doc.notes.map((n) => el("cbc:Note", n.subject ? `#${n.subject}#${n.text}` : n.text)),
        el("cbc:DocumentCurrencyCode", doc.currency),
        doc.preceding &&
          el("cac:BillingReference", [
            el("cac:InvoiceDocumentReference", [
              el("cbc:ID", doc.preceding.number),
              el("cbc:IssueDate", doc.preceding.issueDate),
            ]),
          ]),
        party("cac:AccountingSupplierParty", doc.seller),
        party("cac:AccountingCustomerParty", doc.buyer),
        doc.deliveryDate && el("cac:Delivery", [el("cbc:ActualDeliveryDate", doc.deliveryDate)]),
        doc.payment &&
          el("cac:PaymentMeans", [
            el("cbc:PaymentMeansCode", "58"),
            credit && el("cbc:PaymentDueDate", doc.dueDate),
            el("cbc:PaymentID", doc.payment.reference),
            el("cac:PayeeFinancialAccount", [
              el("cbc:ID", doc.payment.iban),
              doc.payment.bic && el("cac:FinancialInstitutionBranch", [el("cbc:ID", doc.payment.bic)]),
            ]),
          ]),
        el("cac:PaymentTerms", [el("cbc:Note", doc.paymentTerms)]),
        el("cac:TaxTotal", [
          el("cbc:TaxAmount", amount(doc.taxTotalCents), currency),
          ...doc.vat.map((v) =>
            el("cac:TaxSubtotal", [
              el("cbc:TaxableAmount", amount(v.baseCents), currency),
              el("cbc:TaxAmount", amount(v.vatCents), currency),
              el("cac:TaxCategory", [
                el("cbc:ID", v.category),
                el("cbc:Percent", rate(v.rateBp)),
                el("cbc:TaxExemptionReason", v.exemptionReason),
                vatScheme(),
              ]),
            ]),
          ),
        ]),
        el("cac:LegalMonetaryTotal", [
          el("cbc:LineExtensionAmount", amount(doc.lineTotalCents), currency),
          el("cbc:TaxExclusiveAmount", amount(doc.taxBasisCents), currency),
          el("cbc:TaxInclusiveAmount", amount(doc.grandTotalCents), currency),
          el("cbc:PrepaidAmount", amount(doc.prepaidCents), currency),
          el("cbc:PayableAmount", amount(doc.duePayableCents), currency),
        ]),
        ...lines,
      ],
      {
        xmlns: `urn:oasis:names:specification:ubl:schema:xsd:${root}-2`,
        "xmlns:cac": CAC,
        "xmlns:cbc": CBC,
      },
    ),
  );
}
