import {
  Alert,
  Anchor,
  Badge,
  Box,
  Button,
  Center,
  Container,
  Group,
  Image,
  Loader,
  Modal,
  NumberInput,
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
import { type FormEvent, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { ApiError, newIdempotencyKey } from "../api/client";
import {
  answerPortalQuote,
  DECLARABLE_METHODS,
  type DeclarableMethod,
  declarePortalPayment,
  disputePortalInvoice,
  getPortalView,
  type PortalInvoice,
  type PortalQuote,
  type PortalView,
  portalPdfUrl,
  portalQrUrl,
  portalQuotePdfUrl,
  requestPortalPlan,
} from "../api/portal";
import { DateField } from "../components/DateField";
import { type FieldErrors, notifySuccess, reportError } from "../components/errors";
import { FilePicker } from "../components/FilePicker";
import { LanguageSwitch } from "../components/LanguageSwitch";
import { useLang } from "../components/useLang";
import { validateDate } from "../components/validation";
import { centsToInput, formatDate, formatMoney, parseAmount } from "../format";
import { hasStoredLanguage, setLanguage } from "../i18n";
import { queryClient } from "../queryClient";

/**
 * The client portal (public: the token in the address is the credential): what the client owes and how to pay it
 * (IBAN, the EPC QR code), its invoices with their PDF, « J'ai payé » and « Contester ». docs/portal.md.
 */
export default function PortalPage() {
  const { t } = useTranslation();
  const { token = "" } = useParams();
  const query = useQuery({
    queryKey: ["portal", token],
    queryFn: () => getPortalView(token),
    retry: false,
    refetchOnWindowFocus: false,
  });
  const language = query.data?.client.language;

  useEffect(() => {
    document.title = `${t("portal.page_title")}${query.data ? ` · ${query.data.organization.name}` : ""}`;
  }, [t, query.data]);
  // the client's language until the person picks one on this browser
  useEffect(() => {
    if (language && !hasStoredLanguage()) void setLanguage(language, false);
  }, [language]);

  return (
    <Box mih="100vh" bg="gray.0" py="lg">
      <Container size="md" px="md">
        <Group justify="space-between" mb="md" wrap="nowrap">
          <Title order={1} size="h3">
            {query.data?.organization.name ?? t("portal.page_title")}
          </Title>
          <LanguageSwitch />
        </Group>
        {query.isPending ? (
          <Center h={240}>
            <Loader aria-label={t("common.loading")} />
          </Center>
        ) : query.isError ? (
          <Alert color="gray" title={t("portal.invalid_title")} data-testid="portal-invalid">
            {query.error instanceof ApiError && query.error.status !== 0
              ? query.error.message
              : t("errors.network")}
          </Alert>
        ) : (
          <PortalContent token={token} view={query.data} />
        )}
      </Container>
    </Box>
  );
}

function refresh(token: string): Promise<void> {
  return queryClient.invalidateQueries({ queryKey: ["portal", token] });
}

function PortalContent({ token, view }: { token: string; view: PortalView }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [declaring, setDeclaring] = useState<PortalInvoice | null>(null);
  const [disputing, setDisputing] = useState<PortalInvoice | null>(null);
  const [qrOf, setQrOf] = useState<PortalInvoice | null>(null);
  const [planning, setPlanning] = useState(false);
  const [answering, setAnswering] = useState<{ quote: PortalQuote; answer: "accept" | "refuse" } | null>(
    null,
  );
  const open = view.invoices.filter((i) => i.balance_cents > 0);
  const paid = view.invoices.filter((i) => i.balance_cents <= 0);
  const org = view.organization;
  const address = [org.address, [org.postal_code, org.city].filter(Boolean).join(" ")]
    .filter(Boolean)
    .join(", ");

  return (
    <Stack gap="md">
      <Paper withBorder p="lg" radius="md" data-testid="portal-summary">
        <Title order={2} size="h4">
          {t("portal.hello", { client: view.client.name })}
        </Title>
        <Text c="dimmed" size="sm" mb="md">
          {t("portal.intro", { org: org.name })}
        </Text>
        {view.owed_cents > 0 ? (
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg">
            <Stack gap="xs">
              <Text size="sm" c="dimmed">
                {t("portal.owed")}
              </Text>
              <Text fz={32} fw={700} data-testid="portal-owed">
                {formatMoney(view.owed_cents, lang)}
              </Text>
              <Title order={3} size="h5" mt="sm">
                {t("portal.pay_title")}
              </Title>
              {org.iban ? (
                <Stack gap={4} data-testid="portal-bank">
                  <Text size="sm">
                    {t("portal.beneficiary")} <b>{org.name}</b>
                  </Text>
                  <Text size="sm">
                    {t("portal.iban")} <b style={{ whiteSpace: "nowrap" }}>{org.iban}</b>
                  </Text>
                  {org.bic && (
                    <Text size="sm">
                      {t("portal.bic")} <b>{org.bic}</b>
                    </Text>
                  )}
                </Stack>
              ) : (
                <Text size="sm">{t("portal.no_iban", { org: org.name })}</Text>
              )}
              <Group mt="sm">
                <Button size="xs" variant="light" color="gray" onClick={() => setPlanning(true)}>
                  {t("portal.plan_button")}
                </Button>
              </Group>
            </Stack>
            {view.qr_available && (
              <Stack gap="xs" align="center">
                <Image
                  src={portalQrUrl(token)}
                  alt={t("portal.qr_alt", { amount: formatMoney(view.owed_cents, lang) })}
                  w={200}
                  h={200}
                  data-testid="portal-qr"
                />
                <Text size="xs" c="dimmed" ta="center" maw={280}>
                  {t("portal.qr_help")}
                </Text>
              </Stack>
            )}
          </SimpleGrid>
        ) : (
          <Text>{t("portal.nothing_owed")}</Text>
        )}
      </Paper>

      <Paper withBorder p="lg" radius="md">
        <Title order={2} size="h4" mb="sm">
          {t("portal.open_title")}
        </Title>
        {open.length === 0 ? (
          <Text c="dimmed">{t("portal.none_open")}</Text>
        ) : (
          <Stack gap="sm">
            {open.map((invoice) => (
              <OpenInvoice
                key={invoice.id}
                token={token}
                invoice={invoice}
                onDeclare={() => setDeclaring(invoice)}
                onDispute={() => setDisputing(invoice)}
                onQr={() => setQrOf(invoice)}
                canQr={Boolean(org.iban)}
              />
            ))}
          </Stack>
        )}
      </Paper>

      {view.quotes.length > 0 && (
        <Paper withBorder p="lg" radius="md" data-testid="portal-quotes">
          <Title order={2} size="h4" mb="sm">
            {t("portal.quotes_title")}
          </Title>
          <Stack gap="sm">
            {view.quotes.map((quote) => (
              <OpenQuote
                key={quote.id}
                token={token}
                quote={quote}
                onAnswer={(answer) => setAnswering({ quote, answer })}
              />
            ))}
          </Stack>
        </Paper>
      )}

      {view.declared_payments.length > 0 && (
        <Paper withBorder p="lg" radius="md" data-testid="portal-declared">
          <Title order={2} size="h5" mb="xs">
            {t("portal.declared_title")}
          </Title>
          <Stack gap={4}>
            {view.declared_payments.map((d) => (
              <Text size="sm" key={d.id}>
                {t("portal.declared_line", {
                  amount: formatMoney(d.amount_cents, lang),
                  date: formatDate(d.date),
                  method: t(`portal.methods.${d.method as DeclarableMethod}`, { defaultValue: d.method }),
                })}
                {d.invoice_number ? ` · ${t("portal.declared_for", { number: d.invoice_number })}` : ""}
              </Text>
            ))}
          </Stack>
        </Paper>
      )}

      {paid.length > 0 && (
        <Paper withBorder p="lg" radius="md">
          <Title order={2} size="h5" mb="xs">
            {t("portal.paid_title")}
          </Title>
          <Table.ScrollContainer minWidth={420}>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("portal.number")}</Table.Th>
                  <Table.Th>{t("portal.due_date")}</Table.Th>
                  <Table.Th ta="right">{t("portal.total")}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {paid.map((i) => (
                  <Table.Tr key={i.id} data-testid="portal-paid-row">
                    <Table.Td>{i.number}</Table.Td>
                    <Table.Td>{formatDate(i.due_date)}</Table.Td>
                    <Table.Td ta="right">{formatMoney(i.total_cents, lang)}</Table.Td>
                    <Table.Td ta="right">
                      <Anchor
                        href={portalPdfUrl(token, i.id)}
                        aria-label={t("portal.download_label", { number: i.number })}
                        size="sm"
                      >
                        {t("portal.download")}
                      </Anchor>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}

      <Text size="sm" c="dimmed" ta="center">
        {t("portal.contact", { org: org.name })}
        {[org.email, org.phone, address].filter(Boolean).map((x) => ` · ${x}`)}
      </Text>
      <Text size="xs" c="dimmed" ta="center">
        {t("portal.expires", { date: formatDate(view.expires_at) })}
      </Text>

      {declaring && (
        <DeclareModal
          token={token}
          invoice={declaring}
          today={view.today}
          onClose={() => setDeclaring(null)}
        />
      )}
      {planning && <PlanModal token={token} org={org.name} onClose={() => setPlanning(false)} />}
      {answering && (
        <AnswerQuoteModal
          token={token}
          quote={answering.quote}
          answer={answering.answer}
          onClose={() => setAnswering(null)}
        />
      )}
      {disputing && <DisputeModal token={token} invoice={disputing} onClose={() => setDisputing(null)} />}
      {qrOf && (
        <Modal
          opened
          onClose={() => setQrOf(null)}
          title={t("portal.qr_invoice_title", { number: qrOf.number })}
        >
          <Stack align="center">
            <Image
              src={portalQrUrl(token, qrOf.id)}
              alt={t("portal.qr_alt", { amount: formatMoney(qrOf.balance_cents, lang) })}
              w={220}
              h={220}
            />
            <Text size="sm" ta="center">
              {formatMoney(qrOf.balance_cents, lang)}
            </Text>
          </Stack>
        </Modal>
      )}
    </Stack>
  );
}

function OpenInvoice({
  token,
  invoice,
  onDeclare,
  onDispute,
  onQr,
  canQr,
}: {
  token: string;
  invoice: PortalInvoice;
  onDeclare: () => void;
  onDispute: () => void;
  onQr: () => void;
  canQr: boolean;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <Paper withBorder p="sm" radius="sm" data-testid="portal-invoice" data-number={invoice.number}>
      <Group justify="space-between" align="flex-start" gap="xs">
        <Stack gap={2}>
          <Group gap="xs">
            <Text fw={600}>{invoice.number}</Text>
            {invoice.disputed ? (
              <Badge color="orange" variant="light">
                {t("portal.status.disputed")}
              </Badge>
            ) : invoice.overdue ? (
              <Badge color="red" variant="light">
                {t("portal.status.overdue")}
              </Badge>
            ) : (
              <Badge color="blue" variant="light">
                {t(`portal.status.${invoice.status === "partially_paid" ? "partially_paid" : "open"}`)}
              </Badge>
            )}
          </Group>
          <Text size="sm" c="dimmed">
            {invoice.issue_date ? `${t("portal.issue_date")} ${formatDate(invoice.issue_date)} · ` : ""}
            {t("portal.due_date")} {formatDate(invoice.due_date)} · {t("portal.total")}{" "}
            {formatMoney(invoice.total_cents, lang)}
          </Text>
          {invoice.declared_cents > 0 && (
            <Text size="sm" c="teal" data-testid="portal-declared-badge">
              {t("portal.declared_badge", { amount: formatMoney(invoice.declared_cents, lang) })}
            </Text>
          )}
        </Stack>
        <Stack gap={2} align="flex-end">
          <Text size="xs" c="dimmed">
            {t("portal.balance")}
          </Text>
          <Text fw={700} data-testid="portal-balance">
            {formatMoney(invoice.balance_cents, lang)}
          </Text>
        </Stack>
      </Group>
      <Group gap="xs" mt="xs">
        <Button size="xs" onClick={onDeclare}>
          {t("portal.i_paid")}
        </Button>
        {canQr && (
          <Button size="xs" variant="light" onClick={onQr}>
            {t("portal.qr_button")}
          </Button>
        )}
        <Button
          size="xs"
          variant="default"
          component="a"
          href={portalPdfUrl(token, invoice.id)}
          aria-label={t("portal.download_label", { number: invoice.number })}
        >
          {t("portal.download")}
        </Button>
        {!invoice.disputed && (
          <Button size="xs" variant="subtle" color="orange" onClick={onDispute}>
            {t("portal.dispute")}
          </Button>
        )}
      </Group>
    </Paper>
  );
}

function DeclareModal({
  token,
  invoice,
  today,
  onClose,
}: {
  token: string;
  invoice: PortalInvoice;
  today: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const [date, setDate] = useState(today);
  const [amount, setAmount] = useState(centsToInput(invoice.balance_cents, lang));
  const [method, setMethod] = useState<DeclarableMethod>("transfer");
  const [reference, setReference] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  // one key for this opening of the form: a double click or a retry after a lost answer declares once
  const [idempotencyKey] = useState(newIdempotencyKey);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    const next: FieldErrors = {};
    const dateError = validateDate(date, t);
    if (dateError) next.date = dateError;
    const parsed = parseAmount(amount);
    if (!parsed.ok) next.amount = t(`validation.${parsed.error}`);
    setErrors(next);
    if (Object.keys(next).length > 0 || !parsed.ok) return;
    setBusy(true);
    try {
      await declarePortalPayment(
        token,
        invoice.id,
        {
          date,
          amount_cents: parsed.cents,
          method,
          reference: reference.trim() || null,
        },
        idempotencyKey,
      );
      notifySuccess(t("portal.declared_done"));
      await refresh(token);
      onClose();
    } catch (err) {
      reportError(err, t, {
        paths: { date: "date", amount_cents: "amount", method: "method", reference: "reference" },
        setErrors,
      });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal opened onClose={onClose} title={t("portal.declare_title", { number: invoice.number })}>
      <form onSubmit={(e) => void submit(e)} noValidate data-testid="portal-declare-form">
        <Stack>
          <Text size="sm">{t("portal.declare_help")}</Text>
          <DateField label={t("portal.date")} value={date} onChange={setDate} error={errors.date} required />
          <TextInput
            label={t("portal.amount")}
            value={amount}
            onChange={(e) => setAmount(e.currentTarget.value)}
            error={errors.amount}
            rightSection="€"
            required
          />
          <Select
            label={t("portal.method")}
            data={DECLARABLE_METHODS.map((m) => ({ value: m, label: t(`portal.methods.${m}`) }))}
            value={method}
            onChange={(v) => v && setMethod(v as DeclarableMethod)}
            allowDeselect={false}
            error={errors.method}
          />
          <TextInput
            label={t("portal.reference")}
            description={t("portal.reference_help")}
            value={reference}
            onChange={(e) => setReference(e.currentTarget.value)}
            error={errors.reference}
            maxLength={140}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t("portal.cancel")}
            </Button>
            <Button type="submit" loading={busy}>
              {t("portal.declare_submit")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** The dispute's attachment limit (the server's, add-document's 10 MiB): checked here before uploading. */
const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

function DisputeModal({
  token,
  invoice,
  onClose,
}: {
  token: string;
  invoice: PortalInvoice;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState("");
  const [file, setFile] = useState<File | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (reason.trim() === "") {
      setErrors({ reason: t("validation.required") });
      return;
    }
    if (file && file.size > MAX_ATTACHMENT_BYTES) {
      setErrors({ file: t("portal.attachment_too_large") });
      return;
    }
    setBusy(true);
    try {
      await disputePortalInvoice(token, invoice.id, reason.trim(), file);
      notifySuccess(t("portal.disputed_done"));
      await refresh(token);
      onClose();
    } catch (err) {
      reportError(err, t, { paths: { reason: "reason", file: "file" }, setErrors });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal opened onClose={onClose} title={t("portal.dispute_title", { number: invoice.number })}>
      <form onSubmit={(e) => void submit(e)} noValidate data-testid="portal-dispute-form">
        <Stack>
          <Text size="sm">{t("portal.dispute_help")}</Text>
          <Textarea
            label={t("portal.reason")}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={errors.reason}
            autosize
            minRows={3}
            maxLength={2000}
            required
          />
          <FilePicker
            label={t("portal.attachment")}
            description={t("portal.attachment_help")}
            accept=".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg"
            onChange={(f) => {
              setFile(f);
              setErrors(({ file: _, ...rest }) => rest);
            }}
            error={errors.file}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t("portal.cancel")}
            </Button>
            <Button type="submit" color="orange" loading={busy}>
              {t("portal.dispute_submit")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function OpenQuote({
  token,
  quote,
  onAnswer,
}: {
  token: string;
  quote: PortalQuote;
  onAnswer: (answer: "accept" | "refuse") => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <Paper withBorder p="sm" radius="sm" data-testid="portal-quote" data-number={quote.number}>
      <Group justify="space-between" align="flex-start" gap="xs">
        <Stack gap={2}>
          <Text fw={600}>{quote.number}</Text>
          <Text size="sm" c="dimmed">
            {quote.valid_until
              ? t("portal.quote_line", {
                  issue: formatDate(quote.issue_date),
                  until: formatDate(quote.valid_until),
                })
              : t("portal.quote_line_open", { issue: formatDate(quote.issue_date) })}
          </Text>
          {quote.deposit_cents > 0 && (
            <Text size="sm">
              {t("portal.quote_deposit", { amount: formatMoney(quote.deposit_cents, lang) })}
            </Text>
          )}
        </Stack>
        <Text fw={700}>
          {t("portal.quote_total", {
            ttc: formatMoney(quote.total_ttc_cents, lang),
            ht: formatMoney(quote.total_ht_cents, lang),
          })}
        </Text>
      </Group>
      <Group gap="xs" mt="xs">
        <Button size="xs" color="teal" onClick={() => onAnswer("accept")}>
          {t("portal.quote_accept")}
        </Button>
        <Button
          size="xs"
          variant="default"
          component="a"
          href={portalQuotePdfUrl(token, quote.id)}
          aria-label={t("portal.quote_download_label", { number: quote.number })}
        >
          {t("portal.download")}
        </Button>
        <Button size="xs" variant="subtle" color="gray" onClick={() => onAnswer("refuse")}>
          {t("portal.quote_refuse")}
        </Button>
      </Group>
    </Paper>
  );
}

function AnswerQuoteModal({
  token,
  quote,
  answer,
  onClose,
}: {
  token: string;
  quote: PortalQuote;
  answer: "accept" | "refuse";
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const [name, setName] = useState("");
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const accept = answer === "accept";

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (name.trim() === "") {
      setErrors({ name: t("validation.required") });
      return;
    }
    setBusy(true);
    try {
      await answerPortalQuote(token, quote.id, answer, {
        name: name.trim(),
        ...(accept ? {} : { reason: reason.trim() || null }),
      });
      notifySuccess(t(accept ? "portal.accepted_done" : "portal.refused_done"));
      await refresh(token);
      onClose();
    } catch (err) {
      reportError(err, t, { paths: { name: "name", reason: "reason" }, setErrors });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      opened
      onClose={onClose}
      title={t(accept ? "portal.accept_title" : "portal.refuse_title", { number: quote.number })}
    >
      <form onSubmit={(e) => void submit(e)} noValidate data-testid="portal-quote-form">
        <Stack>
          <Text size="sm">
            {accept
              ? t("portal.accept_help", {
                  number: quote.number,
                  total: formatMoney(quote.total_ttc_cents, lang),
                })
              : t("portal.refuse_help")}
          </Text>
          {accept && quote.deposit_cents > 0 && (
            <Text size="sm" fw={600}>
              {t("portal.accept_deposit", { amount: formatMoney(quote.deposit_cents, lang) })}
            </Text>
          )}
          <TextInput
            label={t("portal.your_name")}
            value={name}
            onChange={(e) => {
              setName(e.currentTarget.value);
              setErrors({});
            }}
            error={errors.name}
            maxLength={200}
            autoComplete="name"
            required
          />
          {!accept && (
            <Textarea
              label={t("portal.refuse_reason")}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              error={errors.reason}
              autosize
              minRows={2}
              maxLength={2000}
            />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t("portal.cancel")}
            </Button>
            <Button type="submit" color={accept ? "teal" : "gray"} loading={busy}>
              {t(accept ? "portal.accept_submit" : "portal.refuse_submit")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function PlanModal({ token, org, onClose }: { token: string; org: string; onClose: () => void }) {
  const { t } = useTranslation();
  const [installments, setInstallments] = useState<number | string>(3);
  const [message, setMessage] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const count = Number(installments);
    if (!Number.isInteger(count) || count < 2 || count > 36) {
      setErrors({ installments: t("portal.plan_installments_invalid") });
      return;
    }
    setBusy(true);
    try {
      await requestPortalPlan(token, { installments: count, message: message.trim() || null });
      notifySuccess(t("portal.plan_done"));
      onClose();
    } catch (err) {
      reportError(err, t, { paths: { installments: "installments", message: "message" }, setErrors });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal opened onClose={onClose} title={t("portal.plan_title")}>
      <form onSubmit={(e) => void submit(e)} noValidate data-testid="portal-plan-form">
        <Stack>
          <Text size="sm">{t("portal.plan_help", { org })}</Text>
          <NumberInput
            label={t("portal.plan_installments")}
            value={installments}
            onChange={setInstallments}
            min={2}
            max={36}
            allowDecimal={false}
            error={errors.installments}
            required
          />
          <Textarea
            label={t("portal.plan_message")}
            value={message}
            onChange={(e) => setMessage(e.currentTarget.value)}
            error={errors.message}
            autosize
            minRows={2}
            maxLength={2000}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t("portal.cancel")}
            </Button>
            <Button type="submit" loading={busy}>
              {t("portal.plan_submit")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
