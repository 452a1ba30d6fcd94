import { Button, Group, SimpleGrid, Stack, Textarea, TextInput } from "@mantine/core";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import {
  type ProcedureFields,
  type RecoveryProcedure,
  STEP_DATES,
  type StepDate,
  updateProcedure,
} from "../api/recovery";
import { centsToInput, isIsoDate, parseAmount } from "../format";
import { DateField } from "./DateField";
import { type FieldErrors, notifySuccess, reportError } from "./errors";
import { refreshRecovery } from "./recovery-refresh";
import { useLang } from "./useLang";

type TextField = "court_name" | "court_address" | "mandatee_name" | "mandatee_firm" | "mandatee_email";

/** The details each kind of procedure keeps, besides its dates, fees, outcome and notes. */
const DETAILS: Record<RecoveryProcedure["kind"], readonly TextField[]> = {
  small_claims: ["mandatee_name", "mandatee_firm"],
  injunction: ["court_name", "court_address"],
  bailiff: ["mandatee_name", "mandatee_firm", "mandatee_email"],
  lawyer: ["mandatee_name", "mandatee_firm", "mandatee_email"],
};

/** "Ordonnance rendue ne peut…" from the server's "ordonnance rendue ne peut…": a message under a field. */
const sentence = (s: string) => s.charAt(0).toLocaleUpperCase("fr-FR") + s.slice(1);

/** The server's paths are the form's fields, but for the fees (typed as an amount). */
const PATHS: Record<string, string> = {
  ...Object.fromEntries(
    [...new Set(Object.values(STEP_DATES).flat()), ...new Set(Object.values(DETAILS).flat())].map((k) => [
      k,
      k,
    ]),
  ),
  fees_cents: "fees",
  outcome: "outcome",
  notes: "notes",
};

const orEmpty = (s: string | null) => s ?? "";
const orNull = (s: string) => (s.trim() === "" ? null : s.trim());

/**
 * Records a procedure's dates (sent, invited, accepted…; filed, order, served, enforceable…; the mandate) and its
 * details. Only what changed is sent; an emptied date is cleared. The server checks the order of the dates and the
 * deadlines and answers 400 on the field, nothing changed.
 */
export function RecoveryProcedureForm({ procedure }: { procedure: RecoveryProcedure }) {
  const { t } = useTranslation();
  const lang = useLang();
  const kind = procedure.kind;
  const dateKeys: readonly StepDate[] = STEP_DATES[kind];
  const [dates, setDates] = useState<Record<string, string>>(() =>
    Object.fromEntries(dateKeys.map((k) => [k, orEmpty(procedure[k])])),
  );
  const [texts, setTexts] = useState<Record<string, string>>(() => ({
    ...Object.fromEntries(DETAILS[kind].map((k) => [k, orEmpty(procedure[k])])),
    outcome: orEmpty(procedure.outcome),
    notes: orEmpty(procedure.notes),
  }));
  const [fees, setFees] = useState(procedure.fees_cents > 0 ? centsToInput(procedure.fees_cents, lang) : "");
  const [details, setDetails] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const next: FieldErrors = {};
    const body: ProcedureFields = {};
    for (const k of dateKeys) {
      const value = (dates[k] ?? "").trim();
      if (value !== "" && !isIsoDate(value)) next[k] = t("validation.date");
      else if (value !== orEmpty(procedure[k])) body[k] = value === "" ? null : value;
    }
    for (const k of [...DETAILS[kind], "outcome", "notes"] as const) {
      const value = orNull(texts[k] ?? "");
      if (value !== procedure[k]) body[k] = value;
    }
    const parsed =
      fees.trim() === "" ? { ok: true as const, cents: 0 } : parseAmount(fees, { allowZero: true });
    if (!parsed.ok) next.fees = t(`validation.${parsed.error}`);
    else if (parsed.cents !== procedure.fees_cents) body.fees_cents = parsed.cents;
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    if (Object.keys(body).length === 0) {
      notifySuccess(t("recovery.unchanged"));
      return;
    }
    setBusy(true);
    try {
      await updateProcedure(procedure.id, body);
      notifySuccess(t("recovery.saved"));
      await refreshRecovery();
    } catch (err) {
      // a refused field (or the details' one) is shown where it was typed
      reportError(err, t, {
        paths: PATHS,
        setErrors: (found) => {
          setErrors(Object.fromEntries(Object.entries(found).map(([k, m]) => [k, sentence(m)])));
          if (Object.keys(found).some((f) => !(dateKeys as readonly string[]).includes(f))) setDetails(true);
        },
      });
    } finally {
      setBusy(false);
    }
  }

  const text = (k: TextField | "outcome") => (
    <TextInput
      key={k}
      label={
        k === "mandatee_name" && kind === "small_claims"
          ? t("recovery.fields.mandatee_name_small_claims")
          : t(`recovery.fields.${k}`)
      }
      value={texts[k] ?? ""}
      onChange={(e) => {
        const value = e.currentTarget.value;
        setTexts((s) => ({ ...s, [k]: value }));
      }}
      error={errors[k]}
      maxLength={k === "court_address" || k === "outcome" ? 500 : 200}
      type={k === "mandatee_email" ? "email" : "text"}
    />
  );

  return (
    <form onSubmit={(e) => void submit(e)} noValidate data-testid="procedure-form">
      <Stack gap="xs">
        <SimpleGrid
          cols={{ base: 1, xs: 2, lg: kind === "small_claims" ? 3 : 4 }}
          spacing="sm"
          className="step-dates"
        >
          {dateKeys.map((k) => (
            <DateField
              key={k}
              label={t(`recovery.dates.${k}`)}
              description={t(`recovery.date_help.${k}`)}
              value={dates[k] ?? ""}
              onChange={(value) => setDates((s) => ({ ...s, [k]: value }))}
              error={errors[k]}
            />
          ))}
        </SimpleGrid>
        {details && (
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" data-testid="procedure-details">
            {DETAILS[kind].map((k) => text(k))}
            <TextInput
              label={t("recovery.fields.fees")}
              description={t("recovery.fields.fees_help")}
              value={fees}
              onChange={(e) => setFees(e.currentTarget.value)}
              error={errors.fees}
              inputMode="decimal"
            />
            {text("outcome")}
            <Textarea
              label={t("recovery.fields.notes")}
              value={texts.notes ?? ""}
              onChange={(e) => {
                const value = e.currentTarget.value;
                setTexts((s) => ({ ...s, notes: value }));
              }}
              error={errors.notes}
              autosize
              minRows={1}
              maxLength={2000}
            />
          </SimpleGrid>
        )}
        <Group gap="xs">
          <Button type="submit" size="xs" loading={busy} data-testid="procedure-save">
            {t("recovery.save")}
          </Button>
          {!details && (
            <Button
              size="xs"
              variant="subtle"
              onClick={() => setDetails(true)}
              data-testid="procedure-details-open"
            >
              {t("recovery.details")}
            </Button>
          )}
        </Group>
      </Stack>
    </form>
  );
}
