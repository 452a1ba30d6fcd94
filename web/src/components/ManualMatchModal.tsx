import { ActionIcon, Alert, Button, Group, Modal, Stack, Table, Text, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { listInvoices } from "../api/invoices";
import { type BankLine, confirmBankLine } from "../api/statements";
import { centsToInput, formatDate, formatMoney, parseAmount } from "../format";
import { refreshReconciliation } from "./BankLineCard";
import { notifySuccess, reportError } from "./errors";
import { useLang } from "./useLang";

interface Chosen {
  id: string;
  number: string;
  client: string | null;
  balance_cents: number | null;
  amount: string;
}

/**
 * « Rapprocher à la main » / « Répartir… »: open invoices searched by number or client (the invoices list's `q`), one
 * or several chosen with the amount each receives (a split), Σ ≤ the line's amount; the rest stays on the client's
 * account. Opened from a proposal, its invoices are chosen already.
 */
export function ManualMatchModal({ line, onClose }: { line: BankLine; onClose: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [q, setQ] = useState("");
  const [search] = useDebouncedValue(q.trim(), 250);
  const [chosen, setChosen] = useState<Chosen[]>(() =>
    (line.best?.invoices ?? []).map((i) => ({
      id: i.id,
      number: i.number,
      client: i.client,
      balance_cents: i.balance_cents,
      amount: centsToInput(i.amount_cents, lang),
    })),
  );
  const [busy, setBusy] = useState(false);

  const results = useQuery({
    queryKey: ["invoices", "reconciliation-search", search],
    queryFn: ({ signal }) =>
      listInvoices({ q: search || undefined, status: ["open", "partially_paid"], limit: 8 }, signal),
  });

  const amounts = chosen.map((c) => parseAmount(c.amount));
  const allocated = amounts.reduce((n, a) => n + (a.ok ? a.cents : 0), 0);
  const invalid = amounts.some((a) => !a.ok);
  const tooMuch = allocated > line.amount_cents;

  function add(i: { id: string; number: string; client: string; balance_cents: number }) {
    if (chosen.some((c) => c.id === i.id)) return;
    const rest = Math.max(0, line.amount_cents - allocated);
    const amount = Math.min(rest, i.balance_cents);
    setChosen((list) => [
      ...list,
      {
        id: i.id,
        number: i.number,
        client: i.client,
        balance_cents: i.balance_cents,
        amount: amount > 0 ? centsToInput(amount, lang) : "",
      },
    ]);
  }

  async function submit() {
    const allocations = chosen.map((c, n) => {
      const a = amounts[n];
      return { invoice_id: c.id, amount_cents: a?.ok ? a.cents : 0 };
    });
    setBusy(true);
    try {
      await confirmBankLine(line.id, allocations);
      notifySuccess(t("reconciliation.confirmed", { amount: formatMoney(line.amount_cents, lang) }));
      await refreshReconciliation(true);
      onClose();
    } catch (e) {
      reportError(e, t);
    } finally {
      setBusy(false);
    }
  }

  const found = (results.data?.data ?? []).filter((i) => !chosen.some((c) => c.id === i.id));

  return (
    <Modal
      opened
      onClose={onClose}
      size="lg"
      title={t("reconciliation.manual.title", {
        amount: formatMoney(line.amount_cents, lang),
        date: formatDate(line.booking_date),
      })}
    >
      <Stack gap="md" data-testid="manual-match">
        <Text size="sm" c="dimmed" style={{ overflowWrap: "anywhere" }}>
          {line.label}
        </Text>
        <TextInput
          label={t("reconciliation.manual.search")}
          placeholder={t("reconciliation.manual.search_placeholder")}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          data-autofocus
        />
        {found.length === 0 ? (
          results.data?.data.length === 0 && (
            <Text size="sm" c="dimmed">
              {t("reconciliation.manual.no_result")}
            </Text>
          )
        ) : (
          <Table fz="sm" verticalSpacing={4} data-testid="manual-results">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("reconciliation.manual.col_invoice")}</Table.Th>
                <Table.Th>{t("reconciliation.manual.col_client")}</Table.Th>
                <Table.Th ta="right">{t("reconciliation.manual.col_balance")}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {found.map((i) => (
                <Table.Tr key={i.id}>
                  <Table.Td>{i.number}</Table.Td>
                  <Table.Td style={{ overflowWrap: "anywhere" }}>{i.client}</Table.Td>
                  <Table.Td ta="right" style={{ whiteSpace: "nowrap" }}>
                    {formatMoney(i.balance_cents, lang)}
                  </Table.Td>
                  <Table.Td ta="right">
                    <Button
                      size="compact-xs"
                      variant="light"
                      onClick={() => add(i)}
                      aria-label={`${t("reconciliation.manual.add")} ${i.number}`}
                    >
                      {t("reconciliation.manual.add")}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}

        <Stack gap={6}>
          <Text size="sm" fw={600}>
            {t("reconciliation.manual.chosen")}
          </Text>
          {chosen.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t("reconciliation.manual.none_chosen")}
            </Text>
          ) : (
            chosen.map((c, n) => (
              <Group key={c.id} gap="sm" wrap="nowrap" align="flex-end" data-testid="manual-chosen">
                <Stack gap={0} style={{ flex: 1, minWidth: 0 }}>
                  <Text size="sm" fw={600}>
                    {c.number}
                  </Text>
                  <Text size="xs" c="dimmed" style={{ overflowWrap: "anywhere" }}>
                    {c.client}
                    {c.balance_cents !== null ? ` · ${formatMoney(c.balance_cents, lang)}` : ""}
                  </Text>
                </Stack>
                <TextInput
                  w={140}
                  aria-label={t("reconciliation.manual.amount_label", { number: c.number })}
                  value={c.amount}
                  error={amounts[n]?.ok === false ? " " : undefined}
                  rightSection="€"
                  onChange={(e) => {
                    const value = e.currentTarget.value;
                    setChosen((list) => list.map((x) => (x.id === c.id ? { ...x, amount: value } : x)));
                  }}
                />
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  mb={4}
                  aria-label={t("reconciliation.manual.remove", { number: c.number })}
                  onClick={() => setChosen((list) => list.filter((x) => x.id !== c.id))}
                >
                  ×
                </ActionIcon>
              </Group>
            ))
          )}
          <Text size="sm" data-testid="manual-total">
            {t("reconciliation.manual.total", {
              allocated: formatMoney(allocated, lang),
              amount: formatMoney(line.amount_cents, lang),
            })}
          </Text>
          {tooMuch ? (
            <Alert color="red" p="xs">
              {t("reconciliation.manual.too_much")}
            </Alert>
          ) : (
            allocated > 0 &&
            allocated < line.amount_cents && (
              <Text size="xs" c="dimmed">
                {t("reconciliation.manual.rest", { rest: formatMoney(line.amount_cents - allocated, lang) })}
              </Text>
            )
          )}
        </Stack>
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose}>
            {t("reconciliation.manual.cancel")}
          </Button>
          <Button
            loading={busy}
            disabled={chosen.length === 0 || invalid || tooMuch || allocated === 0}
            onClick={() => void submit()}
          >
            {t("reconciliation.manual.submit")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
