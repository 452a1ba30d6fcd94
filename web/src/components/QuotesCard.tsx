import { Alert, Anchor, Badge, Button, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Action } from "../api/actions";
import {
  createFinalInvoice,
  listQuoteActions,
  listQuotes,
  moveQuote,
  type Quote,
  type QuoteAction,
  type QuoteStatus,
  quoteIdOf,
  quotePdfUrl,
  sendQuote,
} from "../api/quotes";
import { formatDate, formatMoney } from "../format";
import { queryClient } from "../queryClient";
import { useCan } from "../session";
import { notifySuccess, reportError } from "./errors";
import { invalidateLedger } from "./invalidate";
import { NewQuoteButton } from "./QuoteFormModal";
import { QuoteHistory } from "./QuoteHistory";
import { useLang } from "./useLang";

const STATE_COLOR: Record<QuoteStatus, string> = {
  draft: "gray",
  sent: "blue",
  accepted: "green",
  refused: "red",
  expired: "orange",
};

async function refresh(): Promise<void> {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: ["quotes"] }),
    queryClient.invalidateQueries({ queryKey: ["actions"] }),
    invalidateLedger(),
  ]);
}

function QuoteRow({ quote, canEdit, entries }: { quote: Quote; canEdit: boolean; entries: Action[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [busy, setBusy] = useState<QuoteAction | "final" | "email" | null>(null);
  const [open, setOpen] = useState(quote.status === "accepted");
  const actions: QuoteAction[] =
    quote.status === "draft" ? ["send"] : quote.status === "sent" ? ["accept", "refuse"] : [];
  const emailed = entries.some((e) => e.kind === "quote_email");
  // e-mailed once per quote (the outbox key): a draft, or a quote marked sent by hand and never e-mailed
  const canEmail = quote.status === "draft" || (quote.status === "sent" && !emailed);
  const canFinal = quote.status === "accepted" && !quote.invoices.some((i) => i.kind === "invoice");

  async function email() {
    setBusy("email");
    try {
      const sent = await sendQuote(quote.id, true);
      notifySuccess(t("quotes.emailed", { number: sent.number }));
      await refresh();
    } catch (err) {
      reportError(err, t);
    } finally {
      setBusy(null);
    }
  }

  async function act(action: QuoteAction) {
    setBusy(action);
    try {
      const moved = await moveQuote(quote.id, action);
      notifySuccess(
        t("quotes.moved", { number: moved.number, status: t(`quotes.states.${moved.status}`).toLowerCase() }),
      );
      await refresh();
    } catch (err) {
      reportError(err, t);
    } finally {
      setBusy(null);
    }
  }

  async function final() {
    setBusy("final");
    try {
      const invoice = await createFinalInvoice(quote.id);
      notifySuccess(t("quotes.final_done", { number: invoice.number }));
      await refresh();
    } catch (err) {
      reportError(err, t);
    } finally {
      setBusy(null);
    }
  }

  return (
    <Paper withBorder p="xs" radius="sm" data-testid="quote-row">
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Stack gap={2}>
          <Group gap="xs">
            <Text fw={600}>{quote.number}</Text>
            <Badge color={STATE_COLOR[quote.status]} variant="light" data-testid="quote-state">
              {t(`quotes.states.${quote.status}`)}
            </Badge>
          </Group>
          <Text size="sm">{t("quotes.total", { amount: formatMoney(quote.total_ttc_cents, lang) })}</Text>
          {quote.valid_until && (
            <Text size="xs" c="dimmed">
              {t("quotes.valid_until", { date: formatDate(quote.valid_until) })}
            </Text>
          )}
          {quote.deposit_percent > 0 && (
            <Text size="xs" c="dimmed">
              {t("quotes.deposit", {
                percent: quote.deposit_percent,
                amount: formatMoney(quote.deposit_cents, lang),
              })}
            </Text>
          )}
          {quote.invoices.map((i) => (
            <Text key={i.id} size="xs">
              {t(i.kind === "deposit" ? "quotes.deposit_invoice" : "quotes.invoice", {
                number: i.number,
                balance: formatMoney(i.balance_cents, lang),
              })}
            </Text>
          ))}
        </Stack>
        <Stack gap={2} align="flex-end">
          <Anchor
            href={quotePdfUrl(quote.id)}
            target="_blank"
            rel="noopener"
            size="sm"
            data-testid="quote-pdf"
          >
            {t("quotes.pdf")}
          </Anchor>
          {emailed && (
            <Badge variant="light" color="blue" size="xs" data-testid="quote-emailed">
              {t("quotes.emailed_already")}
            </Badge>
          )}
          <Anchor
            component="button"
            size="xs"
            onClick={() => setOpen((o) => !o)}
            data-testid="quote-history-toggle"
          >
            {t("quotes.history")}
          </Anchor>
        </Stack>
      </Group>
      {open && <QuoteHistory quote={quote} entries={entries} />}
      {quote.warning === "deposit_unpaid" && (
        <Alert color="red" p="xs" mt="xs" data-testid="quote-warning">
          {t("quotes.work_blocked")}
        </Alert>
      )}
      {canEdit && (actions.length > 0 || canFinal || canEmail) && (
        <Group gap={6} mt="xs">
          {canEmail && (
            <Button
              size="compact-xs"
              variant="filled"
              loading={busy === "email"}
              disabled={busy !== null && busy !== "email"}
              onClick={() => void email()}
              data-testid="quote-email"
            >
              {t("quotes.actions.email")}
            </Button>
          )}
          {actions.map((action) => (
            <Button
              key={action}
              size="compact-xs"
              variant={action === "refuse" ? "light" : "default"}
              color={action === "refuse" ? "red" : action === "accept" ? "green" : undefined}
              loading={busy === action}
              disabled={busy !== null && busy !== action}
              onClick={() => void act(action)}
              data-testid={`quote-${action}`}
            >
              {t(`quotes.actions.${action}`)}
            </Button>
          ))}
          {canFinal && (
            <Button
              size="compact-xs"
              variant="default"
              loading={busy === "final"}
              disabled={busy !== null && busy !== "final"}
              onClick={() => void final()}
              data-testid="quote-final-invoice"
            >
              {t("quotes.actions.final_invoice")}
            </Button>
          )}
        </Group>
      )}
    </Paper>
  );
}

/**
 * « Devis » of a client: state, PDF, send by e-mail / mark sent / accept / refuse, the final invoice, the
 * unpaid-deposit warning, each quote's history (its timeline entries, who accepted it and how).
 */
export function QuotesCard({ clientId }: { clientId: string }) {
  const { t } = useTranslation();
  const canEdit = useCan("invoices");
  const quotes = useQuery({ queryKey: ["quotes", clientId], queryFn: () => listQuotes(clientId) });
  const history = useQuery({
    queryKey: ["actions", "quotes", clientId],
    queryFn: () => listQuoteActions(clientId),
  });
  const rows = quotes.data?.data ?? [];
  const entriesOf = (id: string) => (history.data?.data ?? []).filter((a) => quoteIdOf(a) === id);
  return (
    <Paper withBorder p="md" radius="md" id="quotes" data-testid="quotes-card">
      <Title order={2} size="h4" mb="xs">
        {t("quotes.title")}
      </Title>
      <Text size="xs" c="dimmed" mb="sm">
        {t("quotes.help")}
      </Text>
      <Stack gap="xs">
        {rows.length === 0 && !quotes.isLoading && (
          <Text size="sm" c="dimmed">
            {t("quotes.none")}
          </Text>
        )}
        {rows.map((q) => (
          <QuoteRow key={q.id} quote={q} canEdit={canEdit} entries={entriesOf(q.id)} />
        ))}
      </Stack>
      {canEdit && <NewQuoteButton client={{ id: clientId }} variant="light" size="xs" mt="sm" />}
    </Paper>
  );
}
