import {
  Anchor,
  Badge,
  Breadcrumbs,
  Button,
  Grid,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import type { TFunction } from "i18next";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { getInvoice, type InvoiceDetail, type InvoiceLine } from "../api/invoices";
import { isChequeToDeposit, listPayments, type Payment } from "../api/payments";
import { ClaimPanel } from "../components/ClaimPanel";
import { ComplianceCard } from "../components/ComplianceCard";
import { CreditNoteModal } from "../components/CreditNoteModal";
import { DeclaredPaymentButtons } from "../components/DeclaredPaymentButtons";
import { DisputeModal } from "../components/DisputeModal";
import { DocumentsPanel } from "../components/DocumentsPanel";
import { HoldCard } from "../components/HoldCard";
import { PageTitle } from "../components/PageTitle";
import { PaymentModal } from "../components/PaymentModal";
import { QueryState } from "../components/QueryState";
import { ReceivedChequeModal } from "../components/ReceivedChequeModal";
import { ClientScoreBadge } from "../components/ScoreBadge";
import { StatCard } from "../components/StatCard";
import { StatusBadges } from "../components/StatusBadges";
import { TimelinePanel } from "../components/TimelinePanel";
import { useLang } from "../components/useLang";
import { formatDate, formatMoney } from "../format";
import { useCan } from "../session";

type ModalKind = "payment" | "cheque" | "credit_note" | "dispute" | null;

export default function InvoicePage() {
  const { id = "" } = useParams();
  const query = useQuery({ queryKey: ["invoices", "detail", id], queryFn: () => getInvoice(id) });
  return <QueryState query={query}>{(invoice) => <InvoiceView invoice={invoice} />}</QueryState>;
}

/** "1,5" from 1500 thousandths (exact). */
function formatQuantity(milli: number, lang: string): string {
  const sign = milli < 0 ? "-" : "";
  const abs = Math.abs(milli);
  const whole = Math.trunc(abs / 1000);
  const frac = String(abs % 1000)
    .padStart(3, "0")
    .replace(/0+$/, "");
  return `${sign}${whole}${frac ? (lang === "en" ? "." : ",") + frac : ""}`;
}

/** "20 %" from 2000 basis points (exact). */
function formatRate(bp: number, lang: string): string {
  const whole = Math.trunc(bp / 100);
  const frac = String(bp % 100)
    .padStart(2, "0")
    .replace(/0+$/, "");
  return `${whole}${frac ? (lang === "en" ? "." : ",") + frac : ""}${lang === "en" ? "%" : " %"}`;
}

/** "10 points" from 1000 basis points. */
function formatPoints(bp: number, lang: string): string {
  return formatRate(bp, lang).replace(/ ?%$/, " points");
}

/** The line's HT total: the server's when given, else quantity × unit price rounded half up, in integers. */
function lineTotal(line: InvoiceLine): number {
  if (typeof line.total_ht_cents === "number") return line.total_ht_cents;
  const product = BigInt(line.quantity_milli) * BigInt(line.unit_price_cents);
  const negative = product < 0n;
  const abs = negative ? -product : product;
  const rounded = (abs + 500n) / 1000n;
  return Number(negative ? -rounded : rounded);
}

function InvoiceView({ invoice }: { invoice: InvoiceDetail }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [modal, setModal] = useState<ModalKind>(null);
  const canPay = useCan("payments");
  const canCredit = useCan("credit_notes");
  const canDispute = useCan("disputes");
  /** `default`, `fixed:<bp>` or `ecb+<bp>` in words; anything else as it is. */
  function formatPenalty(clause: string): string {
    if (clause === "default") return t("invoice.penalty.default");
    const fixed = /^fixed:(\d+)$/.exec(clause);
    if (fixed) return t("invoice.penalty.fixed", { rate: formatRate(Number(fixed[1]), lang) });
    const ecb = /^ecb\+(\d+)$/.exec(clause);
    if (ecb) return t("invoice.penalty.ecb", { rate: formatPoints(Number(ecb[1]), lang) });
    return clause;
  }
  const closed =
    invoice.status === "paid" || invoice.status === "cancelled" || invoice.status === "written_off";

  const details: [string, string][] = [
    [t("invoice.issue_date"), formatDate(invoice.issue_date)],
    [t("invoice.due_date"), formatDate(invoice.due_date)],
  ];
  if (invoice.delivery_date) details.push([t("invoice.delivery_date"), formatDate(invoice.delivery_date)]);
  // An imported invoice often has its total including VAT alone: no "—" rows for what is not known.
  if (invoice.total_ht_cents !== null)
    details.push([t("invoice.total_ht"), formatMoney(invoice.total_ht_cents, lang)]);
  if (invoice.total_vat_cents !== null)
    details.push([t("invoice.total_vat"), formatMoney(invoice.total_vat_cents, lang)]);
  details.push([t("invoice.total_ttc"), formatMoney(invoice.total_cents, lang)]);
  if (invoice.penalty_clause)
    details.push([t("invoice.penalty_clause"), formatPenalty(invoice.penalty_clause)]);
  details.push([t("invoice.source"), t(`sources.${invoice.source}`, { defaultValue: invoice.source })]);

  return (
    <Stack gap="lg">
      <div>
        <Breadcrumbs mb="xs" fz="sm">
          <Anchor component={Link} to="/invoices">
            {t("invoices.title")}
          </Anchor>
          <Text size="sm">{invoice.number}</Text>
        </Breadcrumbs>
        <PageTitle title={t("invoice.title", { number: invoice.number })}>
          {canPay && !closed && invoice.balance_cents > 0 && (
            <Button onClick={() => setModal("payment")}>{t("payments.open")}</Button>
          )}
          {canPay && !closed && invoice.balance_cents > 0 && invoice.kind !== "credit_note" && (
            <Button variant="default" onClick={() => setModal("cheque")}>
              {t("cheques.open")}
            </Button>
          )}
          {canCredit && invoice.balance_cents > 0 && invoice.status !== "cancelled" && (
            <Button variant="default" onClick={() => setModal("credit_note")}>
              {t("credit_notes.open")}
            </Button>
          )}
          {canDispute && (invoice.disputed || !closed) && (
            <Button variant="default" color="orange" onClick={() => setModal("dispute")}>
              {invoice.disputed ? t("disputes.lift") : t("disputes.mark")}
            </Button>
          )}
        </PageTitle>
        <Group gap="sm" mt={-6}>
          <StatusBadges invoice={invoice} size="md" />
          <Text size="sm">
            {t("invoice.client")}{" "}
            <Anchor component={Link} to={`/clients/${encodeURIComponent(invoice.client.id)}`} fw={600}>
              {invoice.client.name}
            </Anchor>
          </Text>
          <ClientScoreBadge clientId={invoice.client.id} />
          <Anchor
            size="sm"
            href={`/api/v1/invoices/${encodeURIComponent(invoice.id)}/invoice.pdf`}
            target="_blank"
            rel="noopener"
            data-testid="invoice-pdf"
          >
            {t("invoice.invoice_pdf")}
          </Anchor>
          {invoice.lines.length > 0 && (
            <Anchor
              size="sm"
              href={`/api/v1/invoices/${encodeURIComponent(invoice.id)}/facturx.pdf`}
              data-testid="invoice-facturx"
            >
              {t("invoice.facturx_pdf")}
            </Anchor>
          )}
          <Anchor
            size="sm"
            href={`/api/v1/invoices/${encodeURIComponent(invoice.id)}/duplicate.pdf`}
            target="_blank"
            rel="noopener"
          >
            {t("invoice.duplicate")}
          </Anchor>
          {invoice.kind !== "credit_note" && invoice.balance_cents > 0 && invoice.days_late > 0 && (
            <Anchor
              component={Link}
              size="sm"
              to={`/clients/${encodeURIComponent(invoice.client.id)}/recovery`}
              data-testid="invoice-recovery"
            >
              {t("recovery.from_invoice")}
            </Anchor>
          )}
        </Group>
        {invoice.disputed && invoice.dispute_reason && (
          <Text size="sm" c="orange.8" mt="xs" className="pre-wrap">
            {t("disputes.current_reason", { reason: invoice.dispute_reason })}
          </Text>
        )}
      </div>

      <SimpleGrid cols={{ base: 2, md: 4 }}>
        <StatCard label={t("invoice.total_ttc")} value={formatMoney(invoice.total_cents, lang)} />
        <StatCard label={t("invoice.paid")} value={formatMoney(invoice.paid_cents, lang)} color="teal.7" />
        <StatCard label={t("invoice.credited")} value={formatMoney(invoice.credited_cents, lang)} />
        <StatCard
          testId="invoice-balance"
          label={t("invoice.balance")}
          value={formatMoney(invoice.balance_cents, lang)}
          color={invoice.balance_cents > 0 && invoice.days_late > 0 ? "red.7" : undefined}
        />
      </SimpleGrid>

      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="lg">
            <Paper withBorder p="md" radius="md">
              <Title order={2} size="h4" mb="sm">
                {t("invoice.lines")}
              </Title>
              {invoice.lines.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {t("invoice.no_lines")}
                </Text>
              ) : (
                <Table.ScrollContainer minWidth={520}>
                  <Table fz="sm" verticalSpacing={6}>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>{t("invoice.line.description")}</Table.Th>
                        <Table.Th className="num">{t("invoice.line.quantity")}</Table.Th>
                        <Table.Th className="num">{t("invoice.line.unit_price")}</Table.Th>
                        <Table.Th className="num">{t("invoice.line.vat")}</Table.Th>
                        <Table.Th className="num">{t("invoice.line.total")}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {invoice.lines.map((line, i) => (
                        // biome-ignore lint/suspicious/noArrayIndexKey: lines have no id and never move
                        <Table.Tr key={i}>
                          <Table.Td className="pre-wrap">{line.description}</Table.Td>
                          <Table.Td className="num">{formatQuantity(line.quantity_milli, lang)}</Table.Td>
                          <Table.Td className="num">{formatMoney(line.unit_price_cents, lang)}</Table.Td>
                          <Table.Td className="num">{formatRate(line.vat_rate_bp, lang)}</Table.Td>
                          <Table.Td className="num">{formatMoney(lineTotal(line), lang)}</Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
              )}
            </Paper>

            <Paper withBorder p="md" radius="md">
              <Title order={2} size="h4" mb="sm">
                {t("invoice.payments")}
              </Title>
              <PendingPayments invoiceId={invoice.id} />
              {invoice.payments.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {t("invoice.no_payments")}
                </Text>
              ) : (
                <Table fz="sm" verticalSpacing={6} data-testid="invoice-payments">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t("payments.date")}</Table.Th>
                      <Table.Th>{t("payments.method")}</Table.Th>
                      {/* On a phone the reference gives way to the amount. */}
                      <Table.Th visibleFrom="sm">{t("payments.reference")}</Table.Th>
                      <Table.Th className="num">{t("payments.amount")}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {invoice.payments.map((p) => (
                      <Table.Tr key={p.payment_id}>
                        <Table.Td>{formatDate(p.date)}</Table.Td>
                        <Table.Td>{t(`methods.${p.method}`, { defaultValue: p.method })}</Table.Td>
                        <Table.Td visibleFrom="sm" style={{ overflowWrap: "anywhere" }}>
                          {p.reference ?? ""}
                        </Table.Td>
                        <Table.Td className="num">{formatMoney(p.amount_cents, lang)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )}
            </Paper>

            <Paper withBorder p="md" radius="md">
              <Title order={2} size="h4" mb="sm">
                {t("invoice.credit_notes")}
              </Title>
              {invoice.credit_notes.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {t("invoice.no_credit_notes")}
                </Text>
              ) : (
                <Table fz="sm" verticalSpacing={6}>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t("credit_notes.number_col")}</Table.Th>
                      <Table.Th>{t("credit_notes.date")}</Table.Th>
                      <Table.Th className="num">{t("credit_notes.amount")}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {invoice.credit_notes.map((c) => (
                      <Table.Tr key={c.id}>
                        <Table.Td>{c.number}</Table.Td>
                        <Table.Td>{formatDate(c.issue_date)}</Table.Td>
                        <Table.Td className="num">{formatMoney(c.total_cents, lang)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )}
            </Paper>
          </Stack>
        </Grid.Col>

        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="lg">
            <Paper withBorder p="md" radius="md">
              <Title order={2} size="h4" mb="sm">
                {t("invoice.details")}
              </Title>
              <Table fz="sm" verticalSpacing={4}>
                <Table.Tbody>
                  {details.map(([label, value]) => (
                    <Table.Tr key={label}>
                      <Table.Th fw={500} c="dimmed" w="45%">
                        {label}
                      </Table.Th>
                      <Table.Td>{value}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
              {invoice.notes && (
                <Text size="sm" mt="sm" className="pre-wrap">
                  {invoice.notes}
                </Text>
              )}
            </Paper>
            {invoice.balance_cents > 0 && invoice.days_late > 0 && invoice.kind !== "credit_note" && (
              <ClaimPanel invoiceId={invoice.id} />
            )}
            {!closed && invoice.kind !== "credit_note" && (
              <HoldCard
                key={`hold:${invoice.hold_kind}:${invoice.hold_until}:${invoice.hold_reason}`}
                target={{ invoices: invoice.id }}
                hold={{
                  kind: invoice.hold_kind ?? null,
                  until: invoice.hold_until ?? null,
                  reason: invoice.hold_reason ?? null,
                }}
                nextActionOn={invoice.next_action_on ?? null}
                today={invoice.today}
                clientId={invoice.client.id}
              />
            )}
            <ComplianceCard invoiceId={invoice.id} />
            <TimelinePanel invoiceId={invoice.id} clientId={invoice.client.id} />
            <DocumentsPanel invoiceId={invoice.id} clientId={invoice.client.id} />
          </Stack>
        </Grid.Col>
      </Grid>

      {modal === "payment" && (
        <PaymentModal invoice={invoice} today={invoice.today} onClose={() => setModal(null)} />
      )}
      {modal === "cheque" && (
        <ReceivedChequeModal invoice={invoice} today={invoice.today} onClose={() => setModal(null)} />
      )}
      {modal === "credit_note" && (
        <CreditNoteModal invoice={invoice} today={invoice.today} onClose={() => setModal(null)} />
      )}
      {modal === "dispute" && <DisputeModal invoice={invoice} onClose={() => setModal(null)} />}
    </Stack>
  );
}

/**
 * The payments declared for this invoice and not verified yet: cheques received, to deposit (« À encaisser »), and
 * payments declared by the client on the portal — each with « Confirmer » / « Rejeter ».
 */
function PendingPayments({ invoiceId }: { invoiceId: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const query = useQuery({
    queryKey: ["payments", "invoice", invoiceId],
    queryFn: () => listPayments({ invoice_id: invoiceId }),
  });
  const pending = (query.data?.data ?? []).filter((p) => p.state === "declared");
  if (pending.length === 0) return null;
  return (
    <Stack gap="xs" mb="md" data-testid="invoice-pending-payments">
      {pending.map((p) => (
        <Paper key={p.id} withBorder p="xs" radius="sm">
          <Group justify="space-between" wrap="nowrap" align="flex-start">
            <Stack gap={2} style={{ minWidth: 0 }}>
              <Group gap="xs">
                <Badge size="sm" variant="light" color={isChequeToDeposit(p) ? "orange" : "indigo"}>
                  {isChequeToDeposit(p) ? t("cheques.to_deposit") : t("cheques.declared_on_portal")}
                </Badge>
                <Text size="sm" style={{ overflowWrap: "anywhere" }}>
                  {pendingLabel(p, t)}
                </Text>
              </Group>
              <DeclaredPaymentButtons paymentId={p.id} />
            </Stack>
            <Text size="sm" fw={600} className="num">
              {formatMoney(p.amount_cents, lang)}
            </Text>
          </Group>
        </Paper>
      ))}
    </Stack>
  );
}

function pendingLabel(p: Payment, t: TFunction): string {
  if (isChequeToDeposit(p)) {
    const params = {
      drawer: p.payer ?? p.client ?? "—",
      number: p.reference ?? "",
      date: formatDate(p.date),
    };
    return t(p.reference ? "cheques.pending" : "cheques.pending_no_number", params);
  }
  return t("cheques.declared_pending", {
    method: t(`methods.${p.method}`, { defaultValue: p.method }),
    date: formatDate(p.date),
  });
}
