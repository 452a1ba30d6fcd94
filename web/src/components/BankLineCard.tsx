import { Anchor, Badge, Button, Group, List, Modal, Paper, Stack, Text } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import {
  BANK_LINES_KEY,
  type BankLine,
  type BankLineInvoice,
  confirmBankLine,
  ignoreBankLine,
  type MatchReason,
  rejectBankLine,
  restoreBankLine,
  undoBankLine,
} from "../api/statements";
import { formatDate, formatMoney } from "../format";
import { queryClient } from "../queryClient";
import { notifySuccess, reportError } from "./errors";
import { invalidateLedger } from "./invalidate";
import { useLang } from "./useLang";

/** After any answer: the reconciliation lists, and the ledger when a payment was recorded or removed. */
export async function refreshReconciliation(ledger: boolean): Promise<void> {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: BANK_LINES_KEY }),
    ...(ledger ? [invalidateLedger()] : []),
  ]);
}

/** The invoices of a proposal (what each would receive of what it owes) or of a match (what it received). */
function InvoiceRows({ invoices, matched = false }: { invoices: BankLineInvoice[]; matched?: boolean }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <Stack gap={2}>
      {invoices.map((i) => (
        <Group key={i.id} gap="xs" wrap="wrap" data-testid="bank-line-invoice">
          <Anchor component={Link} to={`/invoices/${encodeURIComponent(i.id)}`} size="sm" fw={600}>
            {i.number}
          </Anchor>
          {i.client && (
            <Text size="sm" c="dimmed">
              {i.client}
            </Text>
          )}
          <Text size="sm" fw={600}>
            {formatMoney(i.amount_cents, lang)}
          </Text>
          {matched
            ? i.balance_cents !== null &&
              i.balance_cents > 0 && (
                <Text size="xs" c="dimmed">
                  {t("reconciliation.still_owed", { balance: formatMoney(i.balance_cents, lang) })}
                </Text>
              )
            : i.balance_cents !== null &&
              i.balance_cents !== i.amount_cents && (
                <Text size="xs" c="dimmed">
                  {t("reconciliation.of_balance", { balance: formatMoney(i.balance_cents, lang) })}
                </Text>
              )}
        </Group>
      ))}
    </Stack>
  );
}

function Reasons({ reasons }: { reasons: MatchReason[] }) {
  if (reasons.length === 0) return null;
  return (
    <List size="xs" c="dimmed" spacing={0} data-testid="bank-line-reasons">
      {reasons.map((r, n) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a reason has no id and may repeat
        <List.Item key={`${r.code}-${n}`}>{r.message}</List.Item>
      ))}
    </List>
  );
}

/**
 * A bank statement credit and what can be done with it: a proposal to confirm, reject or split; an unmatched line
 * to match by hand or ignore; a match to undo; an ignored line to restore.
 */
export function BankLineCard({
  line,
  canWrite,
  onMatchByHand,
}: {
  line: BankLine;
  canWrite: boolean;
  onMatchByHand: (line: BankLine) => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const [busy, setBusy] = useState<string | null>(null);
  const [confirmUndo, setConfirmUndo] = useState(false);

  async function act(name: string, run: () => Promise<unknown>, done: string, ledger: boolean) {
    setBusy(name);
    try {
      await run();
      notifySuccess(done);
      await refreshReconciliation(ledger);
    } catch (e) {
      reportError(e, t);
    } finally {
      setBusy(null);
    }
  }

  const amount = formatMoney(line.amount_cents, lang);
  const leads = line.state === "unmatched" ? line.alternatives.slice(0, 2) : [];

  return (
    <Paper withBorder radius="md" p="sm" data-testid="bank-line" data-state={line.state}>
      <Stack gap={6}>
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
          <Stack gap={0} style={{ minWidth: 0 }}>
            <Group gap="xs" wrap="wrap">
              <Text size="sm" c="dimmed">
                {formatDate(line.booking_date)}
              </Text>
              {line.counterparty && (
                <Text size="sm" fw={600} style={{ overflowWrap: "anywhere" }}>
                  {line.counterparty}
                </Text>
              )}
            </Group>
            <Text size="sm" style={{ overflowWrap: "anywhere" }}>
              {line.label}
            </Text>
            {line.remittance && line.remittance !== line.label && (
              <Text size="xs" c="dimmed" style={{ overflowWrap: "anywhere" }}>
                {line.remittance}
              </Text>
            )}
          </Stack>
          <Text fw={700} style={{ whiteSpace: "nowrap" }} data-testid="bank-line-amount">
            {amount}
          </Text>
        </Group>

        {line.state === "proposed" && line.best && (
          <Stack gap={4}>
            <Group gap="xs">
              <Text size="sm" fw={600}>
                {t("reconciliation.proposal")}
              </Text>
              <Badge size="sm" variant="light" color={line.best.score >= 80 ? "teal" : "yellow"}>
                {t("reconciliation.score", { score: line.best.score })}
              </Badge>
            </Group>
            <InvoiceRows invoices={line.best.invoices} />
            <Reasons reasons={[...line.best.reasons, ...line.reasons]} />
          </Stack>
        )}

        {line.state === "unmatched" && (
          <Stack gap={4}>
            <Reasons reasons={line.reasons} />
            {leads.length > 0 && (
              <>
                <Text size="xs" fw={600}>
                  {t("reconciliation.leads")}
                </Text>
                {leads.map((c) => (
                  <InvoiceRows key={c.invoices.map((i) => i.id).join()} invoices={c.invoices} />
                ))}
              </>
            )}
          </Stack>
        )}

        {line.state === "matched" && (
          <Stack gap={4}>
            <Text size="sm" c="dimmed">
              {t("reconciliation.settles")}
            </Text>
            <InvoiceRows invoices={line.invoices} matched />
          </Stack>
        )}

        {canWrite && (
          <Group gap="xs" justify="flex-end">
            {line.state === "proposed" && (
              <>
                <Button
                  size="xs"
                  loading={busy === "confirm"}
                  onClick={() =>
                    void act(
                      "confirm",
                      () => confirmBankLine(line.id),
                      t("reconciliation.confirmed", { amount }),
                      true,
                    )
                  }
                >
                  {t("reconciliation.confirm")}
                </Button>
                <Button size="xs" variant="default" onClick={() => onMatchByHand(line)}>
                  {t("reconciliation.split")}
                </Button>
                <Button
                  size="xs"
                  variant="subtle"
                  color="red"
                  loading={busy === "reject"}
                  onClick={() =>
                    void act("reject", () => rejectBankLine(line.id), t("reconciliation.rejected"), false)
                  }
                >
                  {t("reconciliation.reject")}
                </Button>
              </>
            )}
            {line.state === "unmatched" && (
              <>
                <Button size="xs" onClick={() => onMatchByHand(line)}>
                  {t("reconciliation.by_hand")}
                </Button>
                <Button
                  size="xs"
                  variant="subtle"
                  color="gray"
                  loading={busy === "ignore"}
                  onClick={() =>
                    void act("ignore", () => ignoreBankLine(line.id), t("reconciliation.ignored_done"), false)
                  }
                >
                  {t("reconciliation.ignore")}
                </Button>
              </>
            )}
            {line.state === "ignored" && (
              <Button
                size="xs"
                variant="default"
                loading={busy === "restore"}
                onClick={() =>
                  void act("restore", () => restoreBankLine(line.id), t("reconciliation.restored"), false)
                }
              >
                {t("reconciliation.restore")}
              </Button>
            )}
            {line.state === "matched" && (
              <Button size="xs" variant="default" color="red" onClick={() => setConfirmUndo(true)}>
                {t("reconciliation.undo")}
              </Button>
            )}
          </Group>
        )}
      </Stack>
      <Modal
        opened={confirmUndo}
        onClose={() => setConfirmUndo(false)}
        title={t("reconciliation.undo_title")}
      >
        <Stack gap="md">
          <Text size="sm">{t("reconciliation.undo_text", { amount })}</Text>
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={() => setConfirmUndo(false)}>
              {t("reconciliation.undo_keep")}
            </Button>
            <Button
              color="red"
              loading={busy === "undo"}
              onClick={() =>
                void act("undo", () => undoBankLine(line.id), t("reconciliation.undone"), true).then(() =>
                  setConfirmUndo(false),
                )
              }
            >
              {t("reconciliation.undo")}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Paper>
  );
}
