import {
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  MultiSelect,
  Paper,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import {
  type Bill,
  type BillAction,
  type BillState,
  billPdfUrl,
  issueBill,
  listBills,
  moveBill,
} from "../api/bills";
import { listInvoices } from "../api/invoices";
import { formatDate, formatMoney, isIsoDate, parseAmount } from "../format";
import { queryClient } from "../queryClient";
import { useCan } from "../session";
import { DateField } from "./DateField";
import { refreshDunning } from "./dunning-refresh";
import { type FieldErrors, notifySuccess, reportError } from "./errors";
import { useLang } from "./useLang";

const STATE_COLOR: Record<BillState, string> = {
  issued: "blue",
  accepted: "teal",
  presented: "indigo",
  paid: "green",
  unpaid: "red",
  cancelled: "gray",
};

async function refresh(): Promise<void> {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: ["bills"] }),
    queryClient.invalidateQueries({ queryKey: ["documents"] }),
    refreshDunning(),
  ]);
}

function IssueForm({ clientId, onDone }: { clientId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const open = useQuery({
    queryKey: ["invoices", { client_id: clientId, status: ["open", "partially_paid"] }],
    queryFn: () => listInvoices({ client_id: clientId, status: ["open", "partially_paid"], limit: 200 }),
  });
  const [due, setDue] = useState("");
  const [invoiceIds, setInvoiceIds] = useState<string[]>([]);
  const [amount, setAmount] = useState("");
  const [place, setPlace] = useState("");
  const [bank, setBank] = useState("");
  const [iban, setIban] = useState("");
  const [lcr, setLcr] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const next: FieldErrors = {};
    if (!isIsoDate(due)) next.due_on = t("validation.date");
    const parsed = amount.trim() === "" ? null : parseAmount(amount);
    if (parsed && !parsed.ok) next.amount_cents = t(`validation.${parsed.error}`);
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    setBusy(true);
    try {
      await issueBill({
        client_id: clientId,
        due_on: due,
        ...(invoiceIds.length > 0 ? { invoice_ids: invoiceIds } : {}),
        ...(parsed?.ok ? { amount_cents: parsed.cents } : {}),
        ...(place.trim() ? { issue_place: place.trim() } : {}),
        ...(bank.trim() ? { domiciliation_bank: bank.trim() } : {}),
        ...(iban.trim() ? { domiciliation_iban: iban.trim() } : {}),
        ...(lcr ? { lcr: true } : {}),
      });
      notifySuccess(t("bills.issued"));
      await refresh();
      onDone();
    } catch (err) {
      reportError(err, t, {
        paths: {
          due_on: "due_on",
          amount_cents: "amount_cents",
          issue_place: "issue_place",
          domiciliation_iban: "domiciliation_iban",
          client_id: "due_on",
        },
        setErrors,
      });
    } finally {
      setBusy(false);
    }
  }

  const options = (open.data?.data ?? [])
    .filter((i) => i.balance_cents > 0 && i.kind !== "credit_note")
    .map((i) => ({ value: i.id, label: `${i.number} – ${formatMoney(i.balance_cents, lang)}` }));

  return (
    <form onSubmit={(e) => void submit(e)} noValidate data-testid="bill-form">
      <Stack gap="xs">
        <DateField label={t("bills.due_on")} value={due} onChange={setDue} error={errors.due_on} required />
        <MultiSelect
          label={t("bills.invoices")}
          placeholder={invoiceIds.length === 0 ? t("bills.invoices_all") : undefined}
          data={options}
          value={invoiceIds}
          onChange={setInvoiceIds}
          clearable
          searchable
        />
        <TextInput
          label={t("bills.amount")}
          description={t("bills.amount_help")}
          value={amount}
          onChange={(e) => setAmount(e.currentTarget.value)}
          error={errors.amount_cents}
        />
        <TextInput
          label={t("bills.place")}
          description={t("bills.place_help")}
          value={place}
          onChange={(e) => setPlace(e.currentTarget.value)}
          error={errors.issue_place}
        />
        <TextInput label={t("bills.bank")} value={bank} onChange={(e) => setBank(e.currentTarget.value)} />
        <TextInput
          label={t("bills.iban")}
          value={iban}
          onChange={(e) => setIban(e.currentTarget.value)}
          error={errors.domiciliation_iban}
        />
        <Checkbox label={t("bills.lcr")} checked={lcr} onChange={(e) => setLcr(e.currentTarget.checked)} />
        <Group gap="xs">
          <Button type="submit" size="xs" loading={busy}>
            {t("bills.issue_submit")}
          </Button>
          <Button size="xs" variant="default" onClick={onDone}>
            {t("bills.cancel_form")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function BillRow({ bill, canEdit }: { bill: Bill; canEdit: boolean }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [busy, setBusy] = useState<BillAction | null>(null);

  async function act(action: BillAction) {
    setBusy(action);
    try {
      const moved = await moveBill(bill.id, action);
      notifySuccess(t("bills.moved", { state: t(`bills.states.${moved.state}`).toLowerCase() }));
      await refresh();
    } catch (err) {
      reportError(err, t);
    } finally {
      setBusy(null);
    }
  }

  return (
    <Paper withBorder p="xs" radius="sm" data-testid="bill-row">
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Stack gap={2}>
          <Group gap="xs">
            <Text fw={600}>{formatMoney(bill.amount_cents, lang)}</Text>
            <Badge color={STATE_COLOR[bill.state]} variant="light" data-testid="bill-state">
              {t(`bills.states.${bill.state}`)}
            </Badge>
            {bill.lcr && (
              <Badge color="gray" variant="outline">
                LCR
              </Badge>
            )}
          </Group>
          <Text size="sm">{t("bills.due", { date: formatDate(bill.due_on) })}</Text>
          <Text size="xs" c="dimmed">
            {t("bills.invoices_list", { numbers: bill.invoices.map((i) => i.number).join(", ") })}
          </Text>
          {(bill.state === "issued" || bill.state === "accepted" || bill.state === "presented") && (
            <Text size="xs" c="dimmed">
              {t("bills.hold", { date: formatDate(bill.hold_until) })}
            </Text>
          )}
        </Stack>
        <Anchor href={billPdfUrl(bill.id)} target="_blank" rel="noopener" size="sm">
          {t("bills.pdf")}
        </Anchor>
      </Group>
      {canEdit && bill.actions.length > 0 && (
        <Group gap={6} mt="xs">
          {bill.actions.map((action) => (
            <Button
              key={action}
              size="compact-xs"
              variant={action === "unpaid" || action === "cancel" ? "light" : "default"}
              color={action === "unpaid" ? "red" : action === "pay" ? "green" : undefined}
              loading={busy === action}
              disabled={busy !== null && busy !== action}
              onClick={() => void act(action)}
              title={action === "unpaid" ? t("bills.confirm_unpaid") : undefined}
              data-testid={`bill-${action}`}
            >
              {t(`bills.actions.${action}`)}
            </Button>
          ))}
        </Group>
      )}
    </Paper>
  );
}

/** "Lettres de change" of a business client: its bills, their states and actions, and a form to draw one. */
export function BillsCard({ clientId }: { clientId: string }) {
  const { t } = useTranslation();
  const canEdit = useCan("payments");
  const [issuing, setIssuing] = useState(false);
  const bills = useQuery({ queryKey: ["bills", clientId], queryFn: () => listBills(clientId) });
  const rows = bills.data?.data ?? [];

  return (
    <Paper withBorder p="md" radius="md" id="bills" data-testid="bills-card">
      <Title order={2} size="h4" mb="xs">
        {t("bills.title")}
      </Title>
      <Text size="xs" c="dimmed" mb="sm">
        {t("bills.help")}
      </Text>
      <Stack gap="xs">
        {rows.length === 0 && !bills.isLoading && (
          <Text size="sm" c="dimmed">
            {t("bills.none")}
          </Text>
        )}
        {rows.map((bill) => (
          <BillRow key={bill.id} bill={bill} canEdit={canEdit} />
        ))}
        {canEdit &&
          (issuing ? (
            <IssueForm clientId={clientId} onDone={() => setIssuing(false)} />
          ) : (
            <Group>
              <Button size="xs" variant="light" onClick={() => setIssuing(true)} data-testid="bill-issue">
                {t("bills.issue")}
              </Button>
            </Group>
          ))}
      </Stack>
    </Paper>
  );
}
