import {
  Alert,
  Anchor,
  Badge,
  Breadcrumbs,
  Button,
  Checkbox,
  Grid,
  Group,
  List,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { type FormEvent, type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import {
  CALL_OUTCOMES,
  type CallLogInput,
  type CallOutcome,
  type CallSheet,
  callSheetPdfUrl,
  getCallSheet,
  logCall,
} from "../api/calls";
import { DateField } from "../components/DateField";
import { refreshDunning } from "../components/dunning-refresh";
import { type FieldErrors, notifySuccess, reportError } from "../components/errors";
import { PageTitle } from "../components/PageTitle";
import { QueryState } from "../components/QueryState";
import { ScoreBadge } from "../components/ScoreBadge";
import { useLang } from "../components/useLang";
import { formatDate, formatMoney, isIsoDate, parseAmount } from "../format";
import { queryClient } from "../queryClient";
import { useCan } from "../session";

/** "Fiche d'appel": the client's whole file before calling, and the call report that acts on the reminders. */
export default function CallSheetPage() {
  const { id = "" } = useParams();
  const query = useQuery({ queryKey: ["clients", "call-sheet", id], queryFn: () => getCallSheet(id) });
  return <QueryState query={query}>{(sheet) => <SheetView sheet={sheet} />}</QueryState>;
}

function Section({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <Paper withBorder p="md" radius="md" data-testid={testId}>
      <Title order={2} size="h4" mb="sm">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

function SheetView({ sheet }: { sheet: CallSheet }) {
  const { t } = useTranslation();
  const lang = useLang();
  const canLog = useCan("notes");
  const clientUrl = `/clients/${encodeURIComponent(sheet.client.id)}`;
  const s = sheet.score;
  const money = (c: number | null) => (c === null ? "—" : formatMoney(c, lang));
  return (
    <Stack gap="lg">
      <div>
        <Breadcrumbs mb="xs" fz="sm">
          <Anchor component={Link} to="/clients">
            {t("clients.title")}
          </Anchor>
          <Anchor component={Link} to={clientUrl}>
            {sheet.client.name}
          </Anchor>
          <Text size="sm">{t("calls.prepare")}</Text>
        </Breadcrumbs>
        <PageTitle title={t("calls.title", { name: sheet.client.name })}>
          <ScoreBadge score={s} size="lg" />
          <Button
            component="a"
            href={callSheetPdfUrl(sheet.client.id)}
            variant="light"
            data-testid="call-sheet-pdf"
          >
            {t("calls.download_pdf")}
          </Button>
        </PageTitle>
        <Text size="sm" c="dimmed" mt={-8}>
          {t("calls.as_of", { date: formatDate(sheet.as_of) })}
        </Text>
      </div>

      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="lg">
            <Section title={t("calls.who")} testId="call-who">
              {sheet.best_phone ? (
                <Text fw={700} size="lg" data-testid="best-phone">
                  {t("calls.best_phone")} :{" "}
                  <Anchor href={`tel:${sheet.best_phone.phone.replace(/\s/g, "")}`} inherit>
                    {sheet.best_phone.phone}
                  </Anchor>
                  {sheet.best_phone.name ? ` (${sheet.best_phone.name})` : ""}
                </Text>
              ) : (
                <Alert color="orange" p="xs">
                  {t("calls.no_phone")}
                </Alert>
              )}
              <List size="sm" mt="xs" spacing={2}>
                {sheet.contacts.map((c) => (
                  <List.Item key={c.id}>
                    {[c.name ?? "—", c.role, c.phone, c.email].filter(Boolean).join(" · ")}{" "}
                    {c.is_billing && (
                      <Badge size="xs" variant="light">
                        {t("calls.billing")}
                      </Badge>
                    )}
                  </List.Item>
                ))}
              </List>
            </Section>

            <Section title={t("calls.owed")} testId="call-owed">
              {sheet.invoices.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {t("calls.nothing_owed")}
                </Text>
              ) : (
                <Table.ScrollContainer minWidth={560}>
                  <Table striped fz="sm">
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>{t("calls.cols.invoice")}</Table.Th>
                        <Table.Th>{t("calls.cols.due")}</Table.Th>
                        <Table.Th className="num">{t("calls.cols.balance")}</Table.Th>
                        <Table.Th className="num">{t("calls.cols.late")}</Table.Th>
                        <Table.Th className="num">{t("calls.cols.extras")}</Table.Th>
                        <Table.Th className="num">{t("calls.cols.claim")}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {sheet.invoices.map((i) => (
                        <Table.Tr key={i.id}>
                          <Table.Td style={{ whiteSpace: "nowrap" }}>
                            <Anchor component={Link} to={`/invoices/${encodeURIComponent(i.id)}`} size="sm">
                              {i.number}
                            </Anchor>{" "}
                            {i.disputed && (
                              <Badge size="xs" color="orange" variant="light">
                                {t("calls.disputed")}
                              </Badge>
                            )}
                          </Table.Td>
                          <Table.Td style={{ whiteSpace: "nowrap" }}>{formatDate(i.due_date)}</Table.Td>
                          <Table.Td className="num">{money(i.balance_cents)}</Table.Td>
                          <Table.Td className="num">
                            {i.days_late > 0 ? t("calls.days", { n: i.days_late }) : "—"}
                          </Table.Td>
                          <Table.Td className="num">
                            {i.penalty_cents === null
                              ? "—"
                              : money(
                                  (i.penalty_cents ?? 0) + (i.indemnity_cents ?? 0) + (i.interest_cents ?? 0),
                                )}
                          </Table.Td>
                          <Table.Td className="num">{money(i.total_claim_cents)}</Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
              )}
              <Text size="sm" fw={600} mt="xs" data-testid="call-totals">
                {t("calls.totals", {
                  balance: money(sheet.totals.balance_cents),
                  overdue: money(sheet.totals.overdue_cents),
                  claim: money(sheet.totals.claim_cents),
                })}
              </Text>
            </Section>

            <Section title={t("calls.behaviour")} testId="call-behaviour">
              <Group gap="xs" mb="xs">
                <ScoreBadge score={s} />
                <Badge
                  variant="outline"
                  color={s.trend === "worsening" ? "red" : s.trend === "improving" ? "teal" : "gray"}
                >
                  {t(`calls.trend.${s.trend}`)}
                </Badge>
                <Text size="sm" fw={600}>
                  {t("calls.tone_label", { tone: t(`calls.tones.${sheet.script.tone}`) })}
                </Text>
              </Group>
              <Text size="sm">
                {s.grade
                  ? t("calls.stats", {
                      late: s.late_invoices,
                      count: s.invoices,
                      average: s.average_days_late === null ? "—" : s.average_days_late.toLocaleString(lang),
                      longest: s.longest_delay_days,
                      broken: s.broken_promises,
                    })
                  : t("calls.no_history")}
              </Text>
            </Section>

            <Section title={t("calls.script")} testId="call-script">
              <Text size="sm" fw={500} mb="xs">
                {sheet.script.opening}
              </Text>
              <List size="sm" spacing={4}>
                {sheet.script.points.map((p) => (
                  <List.Item key={p}>{p}</List.Item>
                ))}
              </List>
              {sheet.script.proposals.length > 0 && (
                <>
                  <Title order={3} size="h5" mt="md" mb="xs">
                    {t("calls.propose")}
                  </Title>
                  <Stack gap={6}>
                    {sheet.script.proposals.map((p) => (
                      <Group key={p.kind} gap="xs" wrap="nowrap" align="flex-start">
                        <Text size="sm" style={{ flex: 1 }}>
                          {p.text}
                        </Text>
                        {p.link && (
                          <Anchor component={Link} to={p.link} size="sm">
                            {p.kind === "plan" ? t("calls.open_plans") : t("calls.open_bills")}
                          </Anchor>
                        )}
                      </Group>
                    ))}
                  </Stack>
                </>
              )}
            </Section>
          </Stack>
        </Grid.Col>

        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="lg">
            {canLog && <CallForm sheet={sheet} />}
            <Section title={t("calls.promises")}>
              {sheet.promises.length === 0 ? (
                <Text size="sm" c="dimmed">
                  —
                </Text>
              ) : (
                <List size="sm" spacing={2}>
                  {sheet.promises.map((p) => (
                    <List.Item key={p.id}>
                      {t("calls.promise_line", {
                        amount: formatMoney(p.amount_cents, lang),
                        date: formatDate(p.promised_on),
                        state: t(`calls.promise_states.${p.state}`),
                      })}
                    </List.Item>
                  ))}
                </List>
              )}
            </Section>
            <Section title={t("calls.history")} testId="call-history">
              <Stack gap={4}>
                {sheet.history.slice(0, 15).map((h) => (
                  <Text key={h.id} size="sm">
                    <Text span c="dimmed" size="xs">
                      {formatDate(h.occurred_on)}
                      {(h.invoice_numbers ?? []).length > 0
                        ? ` · ${(h.invoice_numbers ?? []).join(", ")}`
                        : h.invoice_number
                          ? ` · ${h.invoice_number}`
                          : ""}
                    </Text>{" "}
                    {h.summary}
                  </Text>
                ))}
              </Stack>
            </Section>
            <Section title={t("calls.documents")}>
              {sheet.documents.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {t("calls.no_documents")}
                </Text>
              ) : (
                <List size="sm" spacing={2}>
                  {sheet.documents.map((d) => (
                    <List.Item key={d.id}>
                      <Anchor
                        href={`/api/v1/documents/${encodeURIComponent(d.id)}/content`}
                        target="_blank"
                        rel="noopener"
                      >
                        {d.filename}
                      </Anchor>
                    </List.Item>
                  ))}
                </List>
              )}
            </Section>
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

function CallForm({ sheet }: { sheet: CallSheet }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [outcome, setOutcome] = useState<CallOutcome>("reached");
  const [notes, setNotes] = useState("");
  const [amount, setAmount] = useState("");
  const [promisedOn, setPromisedOn] = useState("");
  const [disputeInvoice, setDisputeInvoice] = useState<string | null>(null);
  const [reason, setReason] = useState("");
  const [callBack, setCallBack] = useState("");
  const [plan, setPlan] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const spoke = outcome === "reached" || outcome === "call_back";

  async function submit(e: FormEvent) {
    e.preventDefault();
    const next: FieldErrors = {};
    const input: CallLogInput = { outcome, notes: notes.trim() || null };
    if (spoke && (amount.trim() !== "" || promisedOn !== "")) {
      const parsed = parseAmount(amount);
      if (!parsed.ok) next.amount = t("calls.log.amount_invalid");
      if (!isIsoDate(promisedOn)) next.promised_on = t("calls.log.date_required");
      if (parsed.ok && isIsoDate(promisedOn))
        input.promise = { amount_cents: parsed.cents, promised_on: promisedOn };
    }
    if (spoke && disputeInvoice) {
      if (reason.trim() === "") next.reason = t("calls.log.reason_required");
      else input.dispute = { invoice_id: disputeInvoice, reason: reason.trim() };
    }
    if (callBack !== "" || outcome === "call_back") {
      if (!isIsoDate(callBack)) next.call_back_on = t("calls.log.date_required");
      else input.call_back_on = callBack;
    }
    if (spoke && plan) input.plan_requested = true;
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    setBusy(true);
    try {
      const logged = await logCall(sheet.client.id, input);
      notifySuccess(
        logged.promise
          ? t("calls.log.saved_promise", { date: formatDate(logged.promise.hold_until) })
          : t("calls.log.saved"),
      );
      await Promise.all([refreshDunning(), queryClient.invalidateQueries({ queryKey: ["clients"] })]);
      navigate(`/clients/${encodeURIComponent(sheet.client.id)}`);
    } catch (err) {
      reportError(err, t, {
        paths: {
          "promise.amount_cents": "amount",
          "promise.promised_on": "promised_on",
          promise: "amount",
          "dispute.reason": "reason",
          "dispute.invoice_id": "reason",
          call_back_on: "call_back_on",
          notes: "notes",
        },
        setErrors,
      });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Paper withBorder p="md" radius="md" data-testid="call-form">
      <Title order={2} size="h4" mb="sm">
        {t("calls.log.title")}
      </Title>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack gap="sm">
          <Select
            label={t("calls.log.outcome")}
            data={CALL_OUTCOMES.map((o) => ({ value: o, label: t(`calls.log.outcomes.${o}`) }))}
            value={outcome}
            onChange={(v) => v && setOutcome(v as CallOutcome)}
            allowDeselect={false}
            data-testid="call-outcome"
          />
          <Textarea
            label={t("calls.log.notes")}
            placeholder={t("calls.log.notes_placeholder")}
            value={notes}
            onChange={(e) => setNotes(e.currentTarget.value)}
            autosize
            minRows={3}
            error={errors.notes}
          />
          {spoke && (
            <>
              <Title order={3} size="h5">
                {t("calls.log.promise")}
              </Title>
              <SimpleGrid cols={2}>
                <TextInput
                  label={t("calls.log.promise_amount")}
                  value={amount}
                  onChange={(e) => setAmount(e.currentTarget.value)}
                  error={errors.amount}
                  inputMode="decimal"
                  data-testid="promise-amount"
                />
                <DateField
                  label={t("calls.log.promise_date")}
                  value={promisedOn}
                  onChange={setPromisedOn}
                  {...(errors.promised_on ? { error: errors.promised_on } : {})}
                />
              </SimpleGrid>
              <Title order={3} size="h5">
                {t("calls.log.dispute")}
              </Title>
              <Select
                label={t("calls.log.dispute_invoice")}
                data={sheet.invoices
                  .filter((i) => !i.disputed)
                  .map((i) => ({ value: i.id, label: i.number }))}
                value={disputeInvoice}
                onChange={setDisputeInvoice}
                clearable
              />
              {disputeInvoice && (
                <TextInput
                  label={t("calls.log.dispute_reason")}
                  value={reason}
                  onChange={(e) => setReason(e.currentTarget.value)}
                  error={errors.reason}
                />
              )}
              <Checkbox
                label={t("calls.log.plan_requested")}
                checked={plan}
                onChange={(e) => setPlan(e.currentTarget.checked)}
              />
            </>
          )}
          <DateField
            label={t("calls.log.call_back_on")}
            value={callBack}
            onChange={setCallBack}
            required={outcome === "call_back"}
            {...(errors.call_back_on ? { error: errors.call_back_on } : {})}
          />
          <Group justify="flex-end">
            <Button type="submit" loading={busy} data-testid="save-call">
              {t("calls.log.save")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
