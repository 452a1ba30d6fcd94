import { Button, type ButtonProps, Group, Input, Modal, SimpleGrid, Stack, Text } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { useQuery } from "@tanstack/react-query";
import { type FormEvent, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { getClient } from "../api/clients";
import { getToday, TODAY_KEY } from "../api/dunning";
import { createInvoice, nextInvoiceNumber } from "../api/invoices";
import { getOrganization } from "../api/organization";
import { isIsoDate } from "../format";
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

/**
 * « Nouvelle facture »: an invoice issued in Relance (POST /invoices without a number: the next of the F-YYYY-
 * series, shown beforehand from GET /invoices/next-number, nothing reserved). The due date, when left empty, comes
 * from the client's payment term (else the organization's) on the server. Saved: the invoice's page.
 */
export function InvoiceFormModal({
  client,
  onClose,
}: {
  /** The client page's client; none: a client picker. */
  client?: { id: string; name: string };
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const phone = useMediaQuery("(max-width: 48em)");
  const navigate = useNavigate();
  const today = useQuery({ queryKey: TODAY_KEY, queryFn: getToday }).data?.date;
  const org = useQuery({ queryKey: ["organization"], queryFn: getOrganization }).data;
  const franchise = org !== undefined && !String(org.vat_number ?? "").trim();
  const [clientId, setClientId] = useState<string | null>(client?.id ?? null);
  const chosen = useQuery({
    queryKey: ["clients", "detail", clientId],
    queryFn: () => getClient(clientId ?? ""),
    enabled: clientId !== null,
  }).data;
  const [issueDate, setIssueDate] = useState("");
  const [deliveryDate, setDeliveryDate] = useState("");
  const [dueDate, setDueDate] = useState("");
  const [lines, setLines] = useState<LineDraft[]>(() => [emptyLine(2000)]);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const next = useQuery({
    queryKey: ["invoices", "next-number", issueDate],
    queryFn: () => nextInvoiceNumber(issueDate),
    enabled: isIsoDate(issueDate),
  }).data;

  useEffect(() => {
    if (today) setIssueDate((d) => (d === "" ? today : d));
  }, [today]);
  useEffect(() => {
    if (franchise) {
      setLines((ls) =>
        ls.map((l) => (l.description === "" && l.unitPrice === "" ? { ...l, vatRateBp: 0 } : l)),
      );
    }
  }, [franchise]);

  const clientTerm = chosen?.id === clientId ? chosen?.payment_term : null;
  const term = clientTerm || (typeof org?.payment_term === "string" ? org.payment_term : "");

  async function submit(e: FormEvent) {
    e.preventDefault();
    const checked = checkLines(lines, t);
    const problems: FieldErrors = { ...checked.errors };
    if (!clientId) problems.client = t("sales.invoice.client_required");
    const issueError = validateDate(issueDate, t);
    if (issueError) problems.issue_date = issueError;
    const deliveryError = validateDate(deliveryDate, t, false);
    if (deliveryError) problems.delivery_date = deliveryError;
    const dueError = validateDate(dueDate, t, false);
    if (dueError) problems.due_date = dueError;
    else if (dueDate !== "" && !issueError && dueDate < issueDate) {
      problems.due_date = t("sales.invoice.due_before_issue");
    }
    setErrors(problems);
    if (Object.keys(problems).length > 0 || !clientId) return;
    setBusy(true);
    try {
      const invoice = await createInvoice({
        client_id: clientId,
        issue_date: issueDate,
        ...(dueDate !== "" ? { due_date: dueDate } : {}),
        ...(deliveryDate !== "" ? { delivery_date: deliveryDate } : {}),
        lines: checked.body,
      });
      notifySuccess(t("sales.invoice.created", { number: invoice.number }));
      await invalidateLedger();
      onClose();
      navigate(`/invoices/${encodeURIComponent(invoice.id)}`);
    } catch (err) {
      reportError(err, t, {
        paths: {
          client_id: "client",
          number: "number",
          issue_date: "issue_date",
          due_date: "due_date",
          delivery_date: "delivery_date",
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
      title={client ? t("sales.invoice.title", { client: client.name }) : t("sales.invoice.title_no_client")}
    >
      <form onSubmit={submit} noValidate data-testid="invoice-form">
        <Stack>
          {!client && (
            <ClientSelect
              label={t("sales.invoice.client")}
              placeholder={t("sales.invoice.client_required")}
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
            <Input.Wrapper
              label={t("sales.invoice.number")}
              description={t("sales.invoice.number_help")}
              error={errors.number}
              inputWrapperOrder={["label", "input", "description", "error"]}
            >
              <Text size="sm" fw={600} my={6} data-testid="invoice-next-number">
                {next ? t("sales.invoice.number_next", { number: next.number }) : "—"}
              </Text>
            </Input.Wrapper>
            <DateField
              label={t("sales.invoice.issue_date")}
              value={issueDate}
              onChange={setIssueDate}
              error={errors.issue_date}
              required
            />
            <DateField
              label={t("sales.invoice.due_date")}
              description={
                term
                  ? t("sales.invoice.due_date_help", {
                      term,
                      whose: t(clientTerm ? "sales.invoice.due_whose_client" : "sales.invoice.due_whose_org"),
                    })
                  : undefined
              }
              value={dueDate}
              onChange={setDueDate}
              error={errors.due_date}
            />
            <DateField
              label={t("sales.invoice.delivery_date")}
              description={t("sales.invoice.delivery_date_help")}
              value={deliveryDate}
              onChange={setDeliveryDate}
              error={errors.delivery_date}
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
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" loading={busy} data-testid="invoice-submit">
              {t("sales.invoice.submit")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** The « Nouvelle facture » button and its form. */
export function NewInvoiceButton({
  client,
  ...props
}: { client?: { id: string; name: string } } & ButtonProps) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button onClick={() => setOpen(true)} data-testid="new-invoice" {...props}>
        {t("sales.invoice.new")}
      </Button>
      {open && <InvoiceFormModal {...(client ? { client } : {})} onClose={() => setOpen(false)} />}
    </>
  );
}
