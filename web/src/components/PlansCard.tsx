import {
  ActionIcon,
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
  Grid,
  Group,
  Loader,
  NumberInput,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { TFunction } from "i18next";
import { type FormEvent, useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ApiError } from "../api/client";
import { documentContentUrl } from "../api/documents";
import { getToday, TODAY_KEY } from "../api/dunning";
import { listInvoices } from "../api/invoices";
import {
  acknowledgementUrl,
  cancelPlan,
  createPlan,
  DEFAULT_GRACE_DAYS,
  type InstallmentState,
  listPlans,
  MAX_GRACE_DAYS,
  MAX_INSTALLMENTS,
  PLAN_FREQUENCIES,
  type Plan,
  type PlanFrequency,
  type PlanPreview,
  type PlanState,
  plansKey,
  previewPlan,
  type ScheduleInput,
  signPlan,
  UNFINISHED_PLAN_STATES,
} from "../api/plans";
import { formatDate, formatMoney, isIsoDate, parseAmount } from "../format";
import { queryClient } from "../queryClient";
import { useCan } from "../session";
import { DateField } from "./DateField";
import { refreshDunning } from "./dunning-refresh";
import { type FieldErrors, notifySuccess, reportError } from "./errors";
import { useLang } from "./useLang";

const STATE_COLOR: Record<PlanState, string> = {
  draft: "gray",
  signed: "blue",
  active: "teal",
  completed: "green",
  broken: "red",
  cancelled: "dark",
};

const INSTALLMENT_COLOR: Record<InstallmentState, string> = {
  pending: "gray",
  paid: "green",
  late: "orange",
  missed: "red",
};

async function refresh(): Promise<void> {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: ["plans"] }),
    queryClient.invalidateQueries({ queryKey: ["prescription"] }),
    refreshDunning(),
  ]);
}

/** "2025-07-31" one month after "2025-06-30"'s day of the month, clamped to the month's end (31/01 → 28/02). */
function nextMonth(iso: string): string {
  const [y = 0, m = 1, d = 1] = iso.split("-").map(Number);
  const year = m === 12 ? y + 1 : y;
  const month = m === 12 ? 1 : m + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, "0")}-${String(Math.min(d, last)).padStart(2, "0")}`;
}

/** The server's paths (`dates.2`, `invoice_ids.0`…) → the builder's fields. */
const FIELD_PATHS: Record<string, string> = (() => {
  const paths: Record<string, string> = {
    count: "count",
    first_on: "first_on",
    frequency: "frequency",
    dates: "dates",
    amounts: "amounts",
    installments: "dates",
    invoice_ids: "invoices",
    client_id: "invoices",
    grace_days: "grace_days",
    notes: "notes",
  };
  for (let n = 0; n < MAX_INSTALLMENTS; n++) {
    paths[`dates.${n}`] = `dates.${n}`;
    paths[`amounts.${n}`] = `amounts.${n}`;
  }
  return paths;
})();

/** A request's validation problems on the builder's fields, and what names no field. */
function problemsOf(error: unknown, mode: "regular" | "custom"): { fields: FieldErrors; rest: string[] } {
  const fields: FieldErrors = {};
  const rest: string[] = [];
  if (!(error instanceof ApiError)) return { fields, rest };
  if (error.status !== 400 || error.validation.length === 0) return { fields, rest: [error.message] };
  for (const d of error.validation) {
    let field = FIELD_PATHS[d.path] ?? FIELD_PATHS[d.path.split(".")[0] ?? ""];
    // A schedule that cannot be built is reported on "count" (regular) or "dates" (custom).
    if (field === "count" && mode === "custom") field = "dates";
    if (field && !fields[field]) fields[field] = d.message;
    else if (!field) rest.push(d.message);
  }
  return { fields, rest };
}

interface CustomRow {
  date: string;
  amount: string;
}

/** The schedule the builder describes, or the problems that keep it from being asked for. */
function scheduleOf(
  input: {
    clientId: string;
    invoiceIds: string[] | null;
    mode: "regular" | "custom";
    count: number | string;
    firstOn: string;
    frequency: PlanFrequency;
    rows: CustomRow[];
  },
  t: TFunction,
): { body: ScheduleInput | null; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const base: ScheduleInput = {
    client_id: input.clientId,
    ...(input.invoiceIds ? { invoice_ids: input.invoiceIds } : {}),
  };
  if (input.invoiceIds && input.invoiceIds.length === 0) errors.invoices = t("plans.invoices_none");
  if (input.mode === "regular") {
    const count = typeof input.count === "number" ? input.count : Number.NaN;
    if (!Number.isInteger(count) || count < 1 || count > MAX_INSTALLMENTS) {
      errors.count = t("plans.count_invalid", { max: MAX_INSTALLMENTS });
    }
    if (input.firstOn === "") errors.first_on = t("validation.date_required");
    else if (!isIsoDate(input.firstOn)) errors.first_on = t("validation.date");
    if (Object.keys(errors).length > 0) return { body: null, errors };
    return { body: { ...base, count, first_on: input.firstOn, frequency: input.frequency }, errors };
  }
  const dates: string[] = [];
  const amounts: number[] = [];
  input.rows.forEach((row, n) => {
    if (row.date === "") errors[`dates.${n}`] = t("validation.date_required");
    else if (!isIsoDate(row.date)) errors[`dates.${n}`] = t("validation.date");
    else dates.push(row.date);
    if (row.amount.trim() !== "") {
      const parsed = parseAmount(row.amount);
      if (parsed.ok) amounts.push(parsed.cents);
      else errors[`amounts.${n}`] = t(`validation.${parsed.error}`);
    }
  });
  if (input.rows.length === 0) errors.dates = t("validation.date_required");
  const given = input.rows.filter((r) => r.amount.trim() !== "").length;
  if (given > 0 && given < input.rows.length) errors.amounts = t("plans.amounts_partial");
  if (Object.keys(errors).length > 0) return { body: null, errors };
  return { body: { ...base, dates, ...(amounts.length > 0 ? { amounts } : {}) }, errors };
}

function SchedulePreview({
  preview,
  pending,
  problems,
  refused,
  waiting,
}: {
  preview: PlanPreview | undefined;
  pending: boolean;
  problems: string[];
  /** The server refused the schedule on the form's fields (shown there). */
  refused: boolean;
  waiting: boolean;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const sum = preview?.installments.reduce((s, i) => s + i.amount_cents, 0) ?? 0;
  return (
    <Paper withBorder p="sm" radius="sm" bg="gray.0" data-testid="plan-preview">
      <Group justify="space-between" mb={6}>
        <Text fw={600} size="sm">
          {t("plans.preview")}
        </Text>
        {pending && <Loader size="xs" aria-label={t("plans.preview_loading")} />}
      </Group>
      {problems.length > 0 ? (
        <Alert color="red" p="xs" data-testid="plan-preview-problems">
          <Text size="sm" fw={500}>
            {t("plans.preview_failed")}
          </Text>
          {problems.map((p) => (
            <Text key={p} size="sm">
              {p}
            </Text>
          ))}
        </Alert>
      ) : waiting || refused || !preview ? (
        <Text size="sm" c="dimmed">
          {waiting
            ? t("plans.preview_waiting")
            : refused
              ? t("plans.preview_refused")
              : t("plans.preview_loading")}
        </Text>
      ) : (
        <>
          <Table fz="sm" verticalSpacing={4} horizontalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={48}>{t("plans.col.n")}</Table.Th>
                <Table.Th>{t("plans.col.due")}</Table.Th>
                <Table.Th className="num">{t("plans.col.amount")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {preview.installments.map((i) => (
                <Table.Tr key={i.position} data-testid="preview-installment">
                  <Table.Td>{i.position}</Table.Td>
                  <Table.Td>{formatDate(i.due_on)}</Table.Td>
                  <Table.Td className="num">{formatMoney(i.amount_cents, lang)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
            <Table.Tfoot>
              <Table.Tr>
                <Table.Th colSpan={2}>{t("plans.total")}</Table.Th>
                <Table.Th className="num" data-testid="preview-total">
                  {formatMoney(sum, lang)}
                </Table.Th>
              </Table.Tr>
            </Table.Tfoot>
          </Table>
          <Text
            size="xs"
            mt={6}
            c={sum === preview.balance_cents ? "teal.8" : "red.7"}
            data-testid="preview-balance"
          >
            {sum === preview.balance_cents ? "✓ " : "⚠ "}
            {t("plans.balance_check", { balance: formatMoney(preview.balance_cents, lang) })}
          </Text>
        </>
      )}
    </Paper>
  );
}

/** The schedule builder: invoices, installments (regular or at chosen dates), grace days; previewed as typed. */
function PlanBuilder({ clientId, plans, onDone }: { clientId: string; plans: Plan[]; onDone: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const today = useQuery({ queryKey: TODAY_KEY, queryFn: getToday });
  const open = useQuery({
    queryKey: ["invoices", { client_id: clientId, status: ["open", "partially_paid"] }],
    queryFn: () => listInvoices({ client_id: clientId, status: ["open", "partially_paid"], limit: 200 }),
  });
  const taken = useMemo(
    () =>
      new Set(
        plans.filter((p) => UNFINISHED_PLAN_STATES.has(p.state)).flatMap((p) => p.invoices.map((i) => i.id)),
      ),
    [plans],
  );
  const eligible = useMemo(
    () =>
      (open.data?.data ?? []).filter(
        (i) => i.balance_cents > 0 && i.kind !== "credit_note" && !taken.has(i.id),
      ),
    [open.data, taken],
  );

  const [excluded, setExcluded] = useState<ReadonlySet<string>>(new Set());
  const [mode, setMode] = useState<"regular" | "custom">("regular");
  const [count, setCount] = useState<number | string>(3);
  const [firstOn, setFirstOn] = useState("");
  const [frequency, setFrequency] = useState<PlanFrequency>("monthly");
  const [rows, setRows] = useState<CustomRow[]>([
    { date: "", amount: "" },
    { date: "", amount: "" },
  ]);
  const [grace, setGrace] = useState<number | string>(DEFAULT_GRACE_DAYS);
  const [notes, setNotes] = useState("");
  const [submitErrors, setSubmitErrors] = useState<FieldErrors>({});
  const [shownLocal, setShownLocal] = useState(false);
  const [busy, setBusy] = useState(false);

  // The first installment a month from today (the organization's today, not the browser's).
  const serverToday = today.data?.date;
  useEffect(() => {
    if (serverToday) setFirstOn((current) => (current === "" ? nextMonth(serverToday) : current));
  }, [serverToday]);

  const selected = eligible.filter((i) => !excluded.has(i.id)).map((i) => i.id);
  // Every invoice: let the server take them all (the same list, decided where the data is).
  const invoiceIds = excluded.size === 0 ? null : selected;
  const { body, errors: localErrors } = scheduleOf(
    { clientId, invoiceIds, mode, count, firstOn, frequency, rows },
    t,
  );
  const bodyKey = body ? JSON.stringify(body) : "";
  const [debounced] = useDebouncedValue(bodyKey, 350);
  const preview = useQuery({
    queryKey: ["plans", "preview", debounced],
    queryFn: () => previewPlan(JSON.parse(debounced) as ScheduleInput),
    enabled: debounced !== "" && eligible.length > 0,
    placeholderData: keepPreviousData,
    retry: false,
    staleTime: 60_000,
  });
  const settled = debounced === bodyKey && !preview.isFetching;
  const server = settled && preview.isError ? problemsOf(preview.error, mode) : { fields: {}, rest: [] };

  // What the person changed makes the last refusal stale.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the body is the trigger
  useEffect(() => {
    setSubmitErrors({});
  }, [bodyKey]);

  const errors: FieldErrors = {
    ...server.fields,
    ...(shownLocal ? localErrors : {}),
    ...submitErrors,
  };

  function switchMode(next: "regular" | "custom") {
    // The dates of the schedule shown become the chosen dates, to adjust.
    if (next === "custom" && preview.data && rows.every((r) => r.date === "")) {
      setRows(preview.data.installments.map((i) => ({ date: i.due_on, amount: "" })));
    }
    setMode(next);
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setShownLocal(true);
    const graceDays = typeof grace === "number" ? grace : Number.NaN;
    const next: FieldErrors = {};
    if (!Number.isInteger(graceDays) || graceDays < 0 || graceDays > MAX_GRACE_DAYS) {
      next.grace_days = t("plans.grace_invalid", { max: MAX_GRACE_DAYS });
    }
    setSubmitErrors(next);
    if (!body || Object.keys(next).length > 0) return;
    setBusy(true);
    try {
      await createPlan({
        ...body,
        grace_days: graceDays,
        notes: notes.trim() === "" ? null : notes.trim(),
      });
      notifySuccess(t("plans.created"));
      await refresh();
      onDone();
    } catch (err) {
      reportError(err, t, { paths: FIELD_PATHS, setErrors: setSubmitErrors });
    } finally {
      setBusy(false);
    }
  }

  if (open.isSuccess && eligible.length === 0) {
    return (
      <Alert color="gray" p="xs" data-testid="plan-form">
        <Group justify="space-between">
          <Text size="sm">{t("plans.no_invoices")}</Text>
          <Button size="xs" variant="default" onClick={onDone}>
            {t("plans.cancel_form")}
          </Button>
        </Group>
      </Alert>
    );
  }

  return (
    <Paper withBorder p="sm" radius="sm" data-testid="plan-form">
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Title order={3} size="h5" mb="xs">
          {t("plans.builder_title")}
        </Title>
        <Grid gap="md">
          <Grid.Col span={{ base: 12, md: 7 }}>
            <Stack gap="sm">
              <Checkbox.Group
                label={t("plans.invoices")}
                description={t("plans.invoices_help")}
                value={selected}
                onChange={(ids) =>
                  setExcluded(new Set(eligible.map((i) => i.id).filter((id) => !ids.includes(id))))
                }
                error={errors.invoices}
              >
                <Stack gap={6} mt={6}>
                  {open.isPending && <Loader size="xs" />}
                  {eligible.map((i) => (
                    <Checkbox
                      key={i.id}
                      value={i.id}
                      label={t("plans.invoice_option", {
                        number: i.number,
                        due: formatDate(i.due_date),
                        balance: formatMoney(i.balance_cents, lang),
                      })}
                    />
                  ))}
                </Stack>
              </Checkbox.Group>

              <Stack gap={4}>
                <Text size="sm" fw={500} id="plan-mode-label">
                  {t("plans.mode")}
                </Text>
                <SegmentedControl
                  aria-labelledby="plan-mode-label"
                  value={mode}
                  onChange={(v) => switchMode(v as "regular" | "custom")}
                  data={[
                    { value: "regular", label: t("plans.modes.regular") },
                    { value: "custom", label: t("plans.modes.custom") },
                  ]}
                />
              </Stack>

              {mode === "regular" ? (
                <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm" verticalSpacing="sm">
                  <NumberInput
                    label={t("plans.count")}
                    value={count}
                    onChange={setCount}
                    min={1}
                    max={MAX_INSTALLMENTS}
                    allowDecimal={false}
                    allowNegative={false}
                    error={errors.count}
                  />
                  <DateField
                    label={t("plans.first_on")}
                    value={firstOn}
                    onChange={setFirstOn}
                    error={errors.first_on}
                    required
                  />
                  <Select
                    label={t("plans.frequency")}
                    value={frequency}
                    onChange={(v) => v && setFrequency(v as PlanFrequency)}
                    data={PLAN_FREQUENCIES.map((f) => ({ value: f, label: t(`plans.frequencies.${f}`) }))}
                    allowDeselect={false}
                    error={errors.frequency}
                  />
                </SimpleGrid>
              ) : (
                <Stack gap={6} data-testid="plan-custom-dates">
                  <Text size="xs" c="dimmed">
                    {t("plans.custom_help")}
                  </Text>
                  {rows.map((row, n) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: rows are positions, edited in place
                    <Group key={n} gap="xs" align="flex-start" wrap="nowrap">
                      <DateField
                        label={t("plans.custom_date", { n: n + 1 })}
                        value={row.date}
                        onChange={(date) => setRows(rows.map((r, k) => (k === n ? { ...r, date } : r)))}
                        error={errors[`dates.${n}`]}
                        w={170}
                      />
                      <TextInput
                        label={t("plans.custom_amount", { n: n + 1 })}
                        placeholder={t("plans.custom_amount_placeholder")}
                        value={row.amount}
                        onChange={(e) => {
                          const amount = e.currentTarget.value;
                          setRows(rows.map((r, k) => (k === n ? { ...r, amount } : r)));
                        }}
                        error={errors[`amounts.${n}`]}
                        w={140}
                      />
                      <ActionIcon
                        variant="subtle"
                        color="gray"
                        mt={28}
                        disabled={rows.length <= 1}
                        onClick={() => setRows(rows.filter((_, k) => k !== n))}
                        aria-label={t("plans.remove_date", { n: n + 1 })}
                      >
                        ×
                      </ActionIcon>
                    </Group>
                  ))}
                  {(errors.dates || errors.amounts) && (
                    <Text size="xs" c="red.7">
                      {errors.dates ?? errors.amounts}
                    </Text>
                  )}
                  <Group>
                    <Button
                      size="compact-xs"
                      variant="light"
                      disabled={rows.length >= MAX_INSTALLMENTS}
                      onClick={() => setRows([...rows, { date: "", amount: "" }])}
                    >
                      {t("plans.add_date")}
                    </Button>
                  </Group>
                </Stack>
              )}

              <NumberInput
                label={t("plans.grace_days")}
                description={t("plans.grace_help")}
                value={grace}
                onChange={setGrace}
                min={0}
                max={MAX_GRACE_DAYS}
                allowDecimal={false}
                allowNegative={false}
                error={errors.grace_days}
                w={{ base: "100%", xs: 380 }}
              />
              <Textarea
                label={t("plans.notes")}
                value={notes}
                onChange={(e) => setNotes(e.currentTarget.value)}
                error={errors.notes}
                autosize
                minRows={1}
                maxLength={2000}
              />
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 5 }}>
            <SchedulePreview
              preview={body && !preview.isError ? preview.data : undefined}
              pending={preview.isFetching || (body !== null && debounced !== bodyKey)}
              problems={server.rest}
              refused={settled && preview.isError}
              waiting={body === null}
            />
          </Grid.Col>
        </Grid>
        <Group gap="xs" mt="sm" justify="flex-end">
          <Button size="xs" variant="default" onClick={onDone}>
            {t("plans.cancel_form")}
          </Button>
          <Button type="submit" size="xs" loading={busy} data-testid="plan-save">
            {t("plans.save")}
          </Button>
        </Group>
      </form>
    </Paper>
  );
}

function SignForm({ plan, today, onDone }: { plan: Plan; today: string; onDone: () => void }) {
  const { t } = useTranslation();
  const [date, setDate] = useState(today);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!isIsoDate(date)) {
      setErrors({ signed_on: date === "" ? t("validation.date_required") : t("validation.date") });
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      await signPlan(plan.id, { signed_on: date });
      notifySuccess(t("plans.signed"));
      await refresh();
      onDone();
    } catch (err) {
      reportError(err, t, { paths: { signed_on: "signed_on" }, setErrors });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate data-testid="plan-sign-form">
      <Stack gap="xs" mt="xs">
        <DateField
          label={t("plans.sign_date")}
          description={t("plans.sign_help")}
          value={date}
          onChange={setDate}
          error={errors.signed_on}
          required
          w={{ base: "100%", xs: 360 }}
        />
        <Group gap="xs">
          <Button type="submit" size="xs" loading={busy} data-testid="plan-sign-submit">
            {t("plans.sign_submit")}
          </Button>
          <Button size="xs" variant="default" onClick={onDone}>
            {t("plans.back")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function PlanRow({ plan, canEdit, today }: { plan: Plan; canEdit: boolean; today: string | undefined }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [panel, setPanel] = useState<"sign" | "cancel" | null>(null);
  const [busy, setBusy] = useState(false);

  async function cancel() {
    setBusy(true);
    try {
      await cancelPlan(plan.id);
      notifySuccess(t("plans.cancelled"));
      await refresh();
    } catch (err) {
      reportError(err, t);
    } finally {
      setBusy(false);
      setPanel(null);
    }
  }

  const frequency =
    plan.frequency && (PLAN_FREQUENCIES as readonly string[]).includes(plan.frequency)
      ? t(`plans.frequencies.${plan.frequency as PlanFrequency}`)
      : t("plans.custom_frequency");
  const dates = [
    t("plans.created_on", { date: formatDate(plan.created_on) }),
    plan.signed_on ? t("plans.signed_on", { date: formatDate(plan.signed_on) }) : null,
    plan.completed_on ? t("plans.completed_on", { date: formatDate(plan.completed_on) }) : null,
    plan.cancelled_on ? t("plans.cancelled_on", { date: formatDate(plan.cancelled_on) }) : null,
    frequency,
    t("plans.grace", { n: plan.grace_days }),
  ].filter((s): s is string => Boolean(s));
  const started = plan.state === "active" || plan.state === "completed" || plan.state === "broken";
  // Payments and lateness mean something once the plan runs (or if something was paid all the same).
  const tracked = started || plan.installments.some((i) => i.paid_cents > 0);
  // The acknowledgement is made (and kept) on demand, which takes the plans' right; anyone may read a kept one.
  const pdfHref =
    canEdit && plan.state !== "cancelled"
      ? acknowledgementUrl(plan.id)
      : plan.document_id
        ? documentContentUrl(plan.document_id)
        : null;
  const canSign = canEdit && plan.state === "draft" && today !== undefined;
  const canCancel = canEdit && (plan.state === "draft" || plan.state === "signed");

  return (
    <Paper withBorder p="sm" radius="sm" data-testid="plan-row">
      <Group justify="space-between" align="flex-start" gap="xs">
        <Stack gap={2} style={{ minWidth: 0 }}>
          <Group gap="xs">
            <Text fw={600}>
              {t("plans.summary", {
                count: plan.installments.length,
                total: formatMoney(plan.total_cents, lang),
              })}
            </Text>
            <Badge color={STATE_COLOR[plan.state]} variant="light" data-testid="plan-state">
              {t(`plans.states.${plan.state}`)}
            </Badge>
          </Group>
          <Text size="xs" c="dimmed">
            {dates.join(" · ")}
          </Text>
          <Text size="sm" component="div">
            {t("plans.invoices_list")}{" "}
            {plan.invoices.map((i, n) => (
              <span key={i.id}>
                {n > 0 && ", "}
                <Anchor component={Link} to={`/invoices/${encodeURIComponent(i.id)}`} size="sm">
                  {i.number}
                </Anchor>
              </span>
            ))}
          </Text>
        </Stack>
        {pdfHref && (
          <Anchor
            href={pdfHref}
            target="_blank"
            rel="noopener"
            size="sm"
            data-testid="plan-pdf"
            onClick={() => {
              // The first download makes the document: show it among the client's documents.
              setTimeout(() => void queryClient.invalidateQueries({ queryKey: ["documents"] }), 1500);
            }}
          >
            {plan.state === "draft" ? t("plans.pdf") : t("plans.pdf_signed")}
          </Anchor>
        )}
      </Group>

      {plan.state === "broken" && plan.broken_on && (
        <Alert color="red" p="xs" mt="xs">
          <Text size="sm">{t("plans.broken_on", { date: formatDate(plan.broken_on) })}</Text>
        </Alert>
      )}

      <Table.ScrollContainer minWidth={tracked ? 420 : 300} mt="xs" maw={760}>
        <Table fz="sm" verticalSpacing={4} horizontalSpacing="xs" data-testid="plan-installments">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={44}>{t("plans.col.n")}</Table.Th>
              <Table.Th>{t("plans.col.due")}</Table.Th>
              <Table.Th className="num">{t("plans.col.amount")}</Table.Th>
              {tracked && <Table.Th className="num">{t("plans.col.paid")}</Table.Th>}
              {tracked && <Table.Th>{t("plans.col.state")}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {plan.installments.map((i) => (
              <Table.Tr key={i.id} data-testid="plan-installment">
                <Table.Td>{i.position}</Table.Td>
                <Table.Td>{formatDate(i.due_on)}</Table.Td>
                <Table.Td className="num">{formatMoney(i.amount_cents, lang)}</Table.Td>
                {tracked && (
                  <Table.Td className="num">
                    {i.paid_cents > 0 ? formatMoney(i.paid_cents, lang) : "—"}
                    {i.paid_on && (
                      <Text span size="xs" c="dimmed">
                        {" "}
                        {t("plans.paid_on", { date: formatDate(i.paid_on) })}
                      </Text>
                    )}
                  </Table.Td>
                )}
                {tracked && (
                  <Table.Td>
                    <Badge size="sm" variant="light" color={INSTALLMENT_COLOR[i.state]} tt="none">
                      {t(`plans.installment_states.${i.state}`)}
                    </Badge>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {started && (
        <Text size="xs" c="dimmed" mt={4} data-testid="plan-paid">
          {t("plans.paid_of", {
            paid: formatMoney(plan.paid_cents, lang),
            remaining: formatMoney(plan.remaining_cents, lang),
          })}
        </Text>
      )}
      {plan.notes && (
        <Text size="sm" mt={4} className="pre-wrap" style={{ overflowWrap: "anywhere" }}>
          {plan.notes}
        </Text>
      )}

      {panel === "sign" && today && <SignForm plan={plan} today={today} onDone={() => setPanel(null)} />}
      {panel === "cancel" && (
        <Alert color="orange" p="xs" mt="xs">
          <Text size="sm" mb="xs">
            {t("plans.cancel_warning")}
          </Text>
          <Group gap="xs">
            <Button
              size="xs"
              color="red"
              loading={busy}
              onClick={() => void cancel()}
              data-testid="plan-cancel-confirm"
            >
              {t("plans.cancel_confirm")}
            </Button>
            <Button size="xs" variant="default" onClick={() => setPanel(null)}>
              {t("plans.cancel_keep")}
            </Button>
          </Group>
        </Alert>
      )}
      {panel === null && (canSign || canCancel) && (
        <Group gap={6} mt="xs">
          {canSign && (
            <Button size="compact-sm" onClick={() => setPanel("sign")} data-testid="plan-sign">
              {t("plans.sign")}
            </Button>
          )}
          {canCancel && (
            <Button
              size="compact-sm"
              variant="subtle"
              color="red"
              onClick={() => setPanel("cancel")}
              data-testid="plan-cancel"
            >
              {t("plans.cancel")}
            </Button>
          )}
        </Group>
      )}
    </Paper>
  );
}

/** "Échéanciers" of a client: its payment plans, their installments and actions, and the schedule builder. */
export function PlansCard({ clientId }: { clientId: string }) {
  const { t } = useTranslation();
  const canEdit = useCan("dunning");
  const [building, setBuilding] = useState(false);
  const plans = useQuery({ queryKey: plansKey(clientId), queryFn: () => listPlans({ client_id: clientId }) });
  const today = useQuery({ queryKey: TODAY_KEY, queryFn: getToday, enabled: canEdit });
  const rows = plans.data?.data ?? [];

  return (
    <Paper withBorder p="md" radius="md" id="plans" data-testid="plans-card">
      <Group justify="space-between" align="flex-start" mb={4}>
        <Title order={2} size="h4">
          {t("plans.title")}
        </Title>
        {canEdit && !building && (
          <Button size="xs" variant="light" onClick={() => setBuilding(true)} data-testid="plan-new">
            {t("plans.propose")}
          </Button>
        )}
      </Group>
      <Text size="xs" c="dimmed" mb="sm" maw={900}>
        {t("plans.help")}
      </Text>
      <Stack gap="sm">
        {building && <PlanBuilder clientId={clientId} plans={rows} onDone={() => setBuilding(false)} />}
        {plans.isError && (
          <Text size="sm" c="red.7">
            {t("errors.load_failed")}
          </Text>
        )}
        {rows.length === 0 && plans.isSuccess && !building && (
          <Text size="sm" c="dimmed">
            {t("plans.none")}
          </Text>
        )}
        {rows.map((plan) => (
          <PlanRow key={plan.id} plan={plan} canEdit={canEdit} today={today.data?.date} />
        ))}
        {!canEdit && rows.length > 0 && (
          <Text size="xs" c="dimmed">
            {t("plans.read_only")}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
