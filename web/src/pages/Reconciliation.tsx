import { Alert, Button, Center, Loader, Stack, Tabs, Text } from "@mantine/core";
import { useInfiniteQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import {
  BANK_LINE_STATES,
  BANK_LINES_KEY,
  type BankLine,
  type BankLineState,
  listBankLines,
} from "../api/statements";
import { BankLineCard } from "../components/BankLineCard";
import { errorMessage } from "../components/errors";
import { ManualMatchModal } from "../components/ManualMatchModal";
import { PageTitle } from "../components/PageTitle";
import { StatementImport } from "../components/StatementImport";
import { useUrlParams } from "../components/useUrlParams";
import { useCan } from "../session";

const PAGE = 30;

function BankLines({
  state,
  canWrite,
  onMatchByHand,
}: {
  state: BankLineState;
  canWrite: boolean;
  onMatchByHand: (line: BankLine) => void;
}) {
  const { t } = useTranslation();
  const query = useInfiniteQuery({
    queryKey: [...BANK_LINES_KEY, state],
    queryFn: ({ pageParam, signal }) =>
      listBankLines({ state, limit: PAGE, ...(pageParam ? { cursor: pageParam } : {}) }, signal),
    initialPageParam: "",
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
  if (query.isPending) {
    return (
      <Center h={120}>
        <Loader aria-label={t("common.loading")} />
      </Center>
    );
  }
  if (query.isError) {
    return (
      <Stack gap="xs" align="flex-start">
        <Text c="red.8" size="sm">
          {errorMessage(query.error, t)}
        </Text>
        <Button size="xs" variant="default" onClick={() => void query.refetch()}>
          {t("common.retry")}
        </Button>
      </Stack>
    );
  }
  const lines = query.data.pages.flatMap((p) => p.data);
  if (lines.length === 0) {
    return (
      <Text size="sm" c="dimmed" data-testid="bank-lines-empty">
        {t(`reconciliation.empty.${state}`)}
      </Text>
    );
  }
  return (
    <Stack gap="sm" data-testid={`bank-lines-${state}`}>
      {lines.map((line) => (
        <BankLineCard key={line.id} line={line} canWrite={canWrite} onMatchByHand={onMatchByHand} />
      ))}
      {query.hasNextPage && (
        <Button
          variant="default"
          size="xs"
          style={{ alignSelf: "center" }}
          loading={query.isFetchingNextPage}
          onClick={() => void query.fetchNextPage()}
        >
          {t("reconciliation.more")}
        </Button>
      )}
    </Stack>
  );
}

/**
 * Rapprochement bancaire (docs/statements.md): a statement imported here is matched at once; the lines wait in
 * tabs — to confirm (proposals), unmatched (to match by hand or ignore), matched (to undo), ignored (to restore).
 */
export default function ReconciliationPage() {
  const { t } = useTranslation();
  const canWrite = useCan("payments");
  const [params, setParams] = useUrlParams();
  const tab = (BANK_LINE_STATES as readonly string[]).includes(params.get("tab") ?? "")
    ? (params.get("tab") as BankLineState)
    : "proposed";
  const [manual, setManual] = useState<BankLine | null>(null);

  function setTab(value: string | null) {
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      if (value && value !== "proposed") next.set("tab", value);
      else next.delete("tab");
      return next;
    });
  }

  return (
    <>
      <PageTitle title={t("reconciliation.title")} />
      <Stack gap="md">
        <Text size="sm" c="dimmed" mt={-12}>
          {t("reconciliation.help")}
        </Text>
        {canWrite ? (
          <StatementImport onImported={(report) => setTab(report.proposed.length > 0 ? "proposed" : tab)} />
        ) : (
          <Alert color="gray">{t("reconciliation.read_only")}</Alert>
        )}
        <Tabs value={tab} onChange={setTab} keepMounted={false}>
          <Tabs.List>
            {BANK_LINE_STATES.map((s) => (
              <Tabs.Tab key={s} value={s}>
                {t(`reconciliation.tabs.${s}`)}
              </Tabs.Tab>
            ))}
          </Tabs.List>
          {BANK_LINE_STATES.map((s) => (
            <Tabs.Panel key={s} value={s} pt="md">
              <BankLines state={s} canWrite={canWrite} onMatchByHand={setManual} />
            </Tabs.Panel>
          ))}
        </Tabs>
      </Stack>
      {manual && <ManualMatchModal line={manual} onClose={() => setManual(null)} />}
    </>
  );
}
