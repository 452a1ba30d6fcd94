import {
  Button,
  type ButtonProps,
  Group,
  Modal,
  NumberInput,
  SimpleGrid,
  Stack,
  TextInput,
} from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { useQuery } from "@tanstack/react-query";
import { type FormEvent, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { getToday, TODAY_KEY } from "../api/dunning";
import { getOrganization } from "../api/organization";
import { createQuote, listRecentQuotes } from "../api/quotes";
import { queryClient } from "../queryClient";
import { addDaysIso, nextQuoteNumber } from "../sale-lines";
import { ClientSelect } from "./ClientSelect";
import { DateField } from "./DateField";
import { type FieldErrors, notifySuccess, reportError } from "./errors";
import { invalidateLedger } from "./invalidate";
import {
  checkLines,
  emptyLine,
  type LineDraft,
  linePaths,
  SaleLinesField,
  withoutLineErrors,
} from "./SaleLinesField";
import { validateDate } from "./validation";

export interface CreatedQuote {
  id: string;
  number: string;
  client_id: string;
}

/**
 * « Nouveau devis »: number (proposed D-YYYY-NNN after the latest quotes), date, validity (30 days by default),
 * deposit percent (30 by default), the lines and their live totals. Creates a draft quote (POST /quotes).
 */
export function QuoteFormModal({
  client,
  onClose,
  onCreated,
}: {
  /** The client page's client; none: a client picker. */
  client?: { id: string; name?: string };
  onClose: () => void;
  onCreated?: (quote: CreatedQuote) => void;
}) {
  const { t } = useTranslation();
  const phone = useMediaQuery("(max-width: 48em)");
  const today = useQuery({ queryKey: TODAY_KEY, queryFn: getToday }).data?.date;
  const org = useQuery({ queryKey: ["organization"], queryFn: getOrganization }).data;
  const recent = useQuery({ queryKey: ["quotes", "recent"], queryFn: listRecentQuotes }).data;
  const franchise = org !== undefined && !String(org.vat_number ?? "").trim();
  const [clientId, setClientId] = useState<string | null>(client?.id ?? null);
  const [issueDate, setIssueDate] = useState("");
  const [validUntil, setValidUntil] = useState("");
  const [validTouched, setValidTouched] = useState(false);
  const [number, setNumber] = useState("");
  const [numberTouched, setNumberTouched] = useState(false);
  const [deposit, setDeposit] = useState<string | number>(30);
  const [lines, setLines] = useState<LineDraft[]>(() => [emptyLine(2000)]);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);

  // The organization's today (not the browser's) once it arrives.
  useEffect(() => {
    if (today) setIssueDate((d) => (d === "" ? today : d));
  }, [today]);
  // Validity: 30 days after the quote date until typed by hand.
  useEffect(() => {
    if (!validTouched && /^\d{4}-\d{2}-\d{2}$/.test(issueDate)) setValidUntil(addDaysIso(issueDate, 30));
  }, [issueDate, validTouched]);
  // The proposed number follows the year of the quote date until typed by hand.
  useEffect(() => {
    if (!numberTouched && recent && /^\d{4}-/.test(issueDate)) {
      setNumber(
        nextQuoteNumber(
          recent.data.map((q) => q.number),
          issueDate.slice(0, 4),
        ),
      );
    }
  }, [recent, issueDate, numberTouched]);
  // A company in the VAT franchise starts its lines at 0 %.
  useEffect(() => {
    if (franchise)
      setLines((ls) =>
        ls.map((l) => (l.description === "" && l.unitPrice === "" ? { ...l, vatRateBp: 0 } : l)),
      );
  }, [franchise]);

  const percent = typeof deposit === "number" ? deposit : null;

  async function submit(e: FormEvent) {
    e.preventDefault();
    const checked = checkLines(lines, t);
    const next: FieldErrors = { ...checked.errors };
    if (!clientId) next.client = t("sales.quote.client_required");
    if (number.trim() === "") next.number = t("validation.required");
    const dateError = validateDate(issueDate, t);
    if (dateError) next.issue_date = dateError;
    const validError = validateDate(validUntil, t, false);
    if (validError) next.valid_until = validError;
    else if (validUntil !== "" && !dateError && validUntil < issueDate) {
      next.valid_until = t("sales.quote.valid_before_issue");
    }
    if (percent === null || !Number.isInteger(percent) || percent < 0 || percent > 100) {
      next.deposit_percent = t("sales.quote.deposit_invalid");
    }
    setErrors(next);
    if (Object.keys(next).length > 0 || !clientId || percent === null) return;
    setBusy(true);
    try {
      const quote = await createQuote({
        client_id: clientId,
        number: number.trim(),
        issue_date: issueDate,
        valid_until: validUntil === "" ? null : validUntil,
        deposit_percent: percent,
        lines: checked.body,
      });
      notifySuccess(t("sales.quote.created", { number: quote.number }));
      await Promise.all([queryClient.invalidateQueries({ queryKey: ["quotes"] }), invalidateLedger()]);
      onCreated?.({ id: quote.id, number: quote.number, client_id: clientId });
      onClose();
    } catch (err) {
      reportError(err, t, {
        paths: {
          client_id: "client",
          number: "number",
          issue_date: "issue_date",
          valid_until: "valid_until",
          deposit_percent: "deposit_percent",
          ...linePaths(lines.length),
        },
        setErrors,
      });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      opened
      onClose={onClose}
      size="60rem"
      fullScreen={phone}
      title={
        client?.name ? t("sales.quote.title", { client: client.name }) : t("sales.quote.title_no_client")
      }
    >
      <form onSubmit={submit} noValidate data-testid="quote-form">
        <Stack>
          {!client && (
            <ClientSelect
              label={t("sales.quote.client")}
              placeholder={t("sales.quote.client_required")}
              value={clientId}
              onChange={(id) => {
                setClientId(id);
                setErrors(({ client: _, ...rest }) => rest);
              }}
              error={errors.client}
              required
            />
          )}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t("sales.quote.number")}
              description={t("sales.quote.number_help")}
              value={number}
              onChange={(e) => {
                setNumberTouched(true);
                setNumber(e.currentTarget.value);
              }}
              error={errors.number}
              required
              data-testid="quote-number"
            />
            <NumberInput
              label={t("sales.quote.deposit_percent")}
              description={t("sales.quote.deposit_help")}
              value={deposit}
              onChange={setDeposit}
              min={0}
              max={100}
              allowDecimal={false}
              allowNegative={false}
              clampBehavior="strict"
              suffix=" %"
              error={errors.deposit_percent}
              data-testid="quote-deposit"
            />
            <DateField
              label={t("sales.quote.issue_date")}
              value={issueDate}
              onChange={setIssueDate}
              error={errors.issue_date}
              required
            />
            <DateField
              label={t("sales.quote.valid_until")}
              description={t("sales.quote.valid_until_help")}
              value={validUntil}
              onChange={(v) => {
                setValidTouched(true);
                setValidUntil(v);
              }}
              error={errors.valid_until}
            />
          </SimpleGrid>
          <SaleLinesField
            lines={lines}
            onChange={(next) => {
              setLines(next);
              setErrors(withoutLineErrors);
            }}
            errors={errors}
            franchise={franchise}
            depositPercent={percent}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" loading={busy} data-testid="quote-submit">
              {t("sales.quote.submit")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** The « Nouveau devis » button and its form. */
export function NewQuoteButton({
  client,
  onCreated,
  ...props
}: {
  client?: { id: string; name?: string };
  onCreated?: (quote: CreatedQuote) => void;
} & ButtonProps) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button onClick={() => setOpen(true)} data-testid="new-quote" {...props}>
        {t("sales.quote.new")}
      </Button>
      {open && (
        <QuoteFormModal
          {...(client ? { client } : {})}
          {...(onCreated ? { onCreated } : {})}
          onClose={() => setOpen(false)}
        />
      )}
    </>
  );
}
