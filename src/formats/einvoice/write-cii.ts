import type { EInvoiceDocParty, EInvoiceDocument } from "../../core/invoices/einvoice.js";
import { decimalOfCents as amount, decimalOfScaled, el, type XmlElement, xmlDocument } from "./xml-writer.js";

/** BT-24 of the Factur-X EN 16931 (COMFORT) profile, and of plain EN 16931 CII. */
export const EN16931_GUIDELINE = "urn:cen.eu:en16931:2017";

const NS = {
  "xmlns:rsm": "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100",
  "xmlns:qdt": "urn:un:unece:uncefact:data:standard:QualifiedDataType:100",
  "xmlns:ram": "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100",
  "xmlns:udt": "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100",
};

/** YYYY-MM-DD → a CII date, format 102 (CCYYMMDD). */
function date(name: string, iso: string | undefined, type: "udt" | "qdt" = "udt"): XmlElement | undefined {
  if (!iso) return undefined;
  return el(name, [el(`${type}:DateTimeString`, iso.replaceAll("-", ""), { format: "102" })]);
}

const rate = (bp: number) => decimalOfScaled(bp, 2);

/** A trade party (BG-4 seller, BG-7 buyer) in the order of the D16B schema. */
function party(name: string, p: EInvoiceDocParty): XmlElement {
  const [one, two] = p.streetLines;
  return el(name, [
    el("ram:Name", p.name),
    p.siren ? el("ram:SpecifiedLegalOrganization", [el("ram:ID", p.siren, { schemeID: "0002" })]) : undefined,
    el("ram:PostalTradeAddress", [
      el("ram:PostcodeCode", p.postalCode),
      el("ram:LineOne", one),
      el("ram:LineTwo", two),
      el("ram:LineThree", p.streetLines.slice(2).join(", ")),
      el("ram:CityName", p.city),
      el("ram:CountryID", p.country),
    ]),
    p.email ? el("ram:URIUniversalCommunication", [el("ram:URIID", p.email, { schemeID: "EM" })]) : undefined,
    p.vatNumber
      ? el("ram:SpecifiedTaxRegistration", [el("ram:ID", p.vatNumber, { schemeID: "VA" })])
      : undefined,
  ]);
}

/**
 * The invoice as UN/CEFACT Cross Industry Invoice D16B XML, Factur-X profile EN 16931 (BT-24
 * urn:cen.eu:en16931:2017): the document (number, type 380/381/386, issue date, notes with their subject codes),
 * the lines, the parties (SIREN as legal id, scheme 0002; VAT number, scheme VA; e-mail, scheme EM), the delivery
 * date, the settlement (SEPA credit transfer, code 58, with the IBAN and BIC; the VAT breakdown; the payment terms
 * and due date; the totals; the invoice a credit note corrects). The caller checked the totals
 * (core/invoices/einvoice-checks.ts); amounts come from integer cents as decimal strings.
 */
export function writeCii(doc: EInvoiceDocument): Buffer {
  const currency = doc.currency;
  const lines = doc.lines.map((l) =>
    el("ram:IncludedSupplyChainTradeLineItem", [
      el("ram:AssociatedDocumentLineDocument", [el("ram:LineID", l.id)]),
      el("ram:SpecifiedTradeProduct", [el("ram:Name", l.name)]),
      el("ram:SpecifiedLineTradeAgreement", [
        el("ram:NetPriceProductTradePrice", [el("ram:ChargeAmount", amount(l.netPriceCents))]),
      ]),
      el("ram:SpecifiedLineTradeDelivery", [
        el("ram:BilledQuantity", decimalOfScaled(l.quantityMilli, 3), { unitCode: l.unitCode }),
      ]),
      el("ram:SpecifiedLineTradeSettlement", [
        el("ram:ApplicableTradeTax", [
          el("ram:TypeCode", "VAT"),
          el("ram:CategoryCode", l.category),
          el("ram:RateApplicablePercent", rate(l.rateBp)),
        ]),
        l.allowanceCents !== 0 &&
          el("ram:SpecifiedTradeAllowanceCharge", [
            el("ram:ChargeIndicator", [el("udt:Indicator", "false")]),
            el("ram:ActualAmount", amount(l.allowanceCents)),
            // BR-41: a reason; UNCL 5189 95 « Discount »
            el("ram:ReasonCode", "95"),
            el("ram:Reason", "Remise"),
          ]),
        el("ram:SpecifiedTradeSettlementLineMonetarySummation", [
          el("ram:LineTotalAmount", amount(l.netCents)),
        ]),
      ]),
    ]),
  );
  const settlement = el("ram:ApplicableHeaderTradeSettlement", [
    el("ram:PaymentReference", doc.payment?.reference),
    el("ram:InvoiceCurrencyCode", currency),
    doc.payment &&
      el("ram:SpecifiedTradeSettlementPaymentMeans", [
        el("ram:TypeCode", "58"),
        el("ram:PayeePartyCreditorFinancialAccount", [el("ram:IBANID", doc.payment.iban)]),
        el("ram:PayeeSpecifiedCreditorFinancialInstitution", [el("ram:BICID", doc.payment.bic)]),
      ]),
    ...doc.vat.map((v) =>
      el("ram:ApplicableTradeTax", [
        el("ram:CalculatedAmount", amount(v.vatCents)),
        el("ram:TypeCode", "VAT"),
        el("ram:ExemptionReason", v.exemptionReason),
        el("ram:BasisAmount", amount(v.baseCents)),
        el("ram:CategoryCode", v.category),
        el("ram:RateApplicablePercent", rate(v.rateBp)),
      ]),
    ),
    el("ram:SpecifiedTradePaymentTerms", [
      el("ram:Description", doc.paymentTerms),
      date("ram:DueDateDateTime", doc.dueDate),
    ]),
    el("ram:SpecifiedTradeSettlementHeaderMonetarySummation", [
      el("ram:LineTotalAmount", amount(doc.lineTotalCents)),
      el("ram:TaxBasisTotalAmount", amount(doc.taxBasisCents)),
      el("ram:TaxTotalAmount", amount(doc.taxTotalCents), { currencyID: currency }),
      el("ram:GrandTotalAmount", amount(doc.grandTotalCents)),
      el("ram:TotalPrepaidAmount", amount(doc.prepaidCents)),
      el("ram:DuePayableAmount", amount(doc.duePayableCents)),
    ]),
    doc.preceding &&
      el("ram:InvoiceReferencedDocument", [
        el("ram:IssuerAssignedID", doc.preceding.number),
        date("ram:FormattedIssueDateTime", doc.preceding.issueDate, "qdt"),
      ]),
  ]);
  return xmlDocument(
    el(
      "rsm:CrossIndustryInvoice",
      [
        el("rsm:ExchangedDocumentContext", [
          el("ram:GuidelineSpecifiedDocumentContextParameter", [el("ram:ID", EN16931_GUIDELINE)]),
        ]),
        el("rsm:ExchangedDocument", [
          el("ram:ID", doc.number),
          el("ram:TypeCode", doc.typeCode),
          date("ram:IssueDateTime", doc.issueDate),
          ...doc.notes.map((n) =>
            el("ram:IncludedNote", [el("ram:Content", n.text), el("ram:SubjectCode", n.subject)]),
          ),
        ]),
        el("rsm:SupplyChainTradeTransaction", [
          ...lines,
          el("ram:ApplicableHeaderTradeAgreement", [
            party("ram:SellerTradeParty", doc.seller),
            party("ram:BuyerTradeParty", doc.buyer),
          ]),
          // Required by the schema, even empty.
          {
            ...el("ram:ApplicableHeaderTradeDelivery", [
              doc.deliveryDate &&
                el("ram:ActualDeliverySupplyChainEvent", [date("ram:OccurrenceDateTime", doc.deliveryDate)]),
            ]),
            keep: true,
          },
          settlement,
        ]),
      ],
      NS,
    ),
  );
}
