import { Alert, Anchor, Badge, Button, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { getToday, TODAY_KEY } from "../api/dunning";
import { caseKey, getCase, type RecoveryCase, type RecoveryStage } from "../api/recovery";
import { formatDate, formatMoney } from "../format";
import { QueryState } from "./QueryState";
import { RecoveryCloseForm } from "./RecoveryCloseForm";
import { RecoveryDownloads } from "./RecoveryDownloads";
import { RecoveryHandOverForm } from "./RecoveryHandOverForm";
import { RecoveryProcedureCard } from "./RecoveryProcedureCard";
import { RecoveryStartForm } from "./RecoveryStartForm";
import { useLang } from "./useLang";

const STAGE_COLOR: Record<RecoveryStage, string> = {
  review: "gray",
  small_claims: "blue",
  injunction: "indigo",
  handed_over: "grape",
  closed: "dark",
};

type Panel = "start" | "handover" | "close" | null;

function CaseHeader({ kase }: { kase: RecoveryCase }) {
  const { t } = useTranslation();
  const lang = useLang();
  const closed = kase.closed_on !== null;
  const numbers = new Map(kase.view.invoices.concat(kase.view.prescribed).map((i) => [i.id, i.number]));
  const line = [
    t("recovery.case.opened_on", { date: formatDate(kase.opened_on) }),
    closed ? t("recovery.case.closed_on", { date: formatDate(kase.closed_on) }) : null,
    closed ? null : `${t("recovery.case.claim")} : ${formatMoney(kase.view.amounts.total_cents, lang)}`,
    kase.costs_cents > 0 ? `${t("recovery.case.costs")} : ${formatMoney(kase.costs_cents, lang)}` : null,
  ].filter(Boolean);
  return (
    <Stack gap={2}>
      <Group gap="xs">
        <Title order={2} size="h4">
          {closed ? t("recovery.case.closed_title") : t("recovery.case.title")}
        </Title>
        <Badge color={STAGE_COLOR[kase.stage]} variant="light" tt="none" data-testid="case-stage">
          {t(`recovery.stages.${kase.stage}`)}
        </Badge>
        {kase.outcome && (
          <Badge color={kase.outcome === "written_off" ? "red" : "teal"} tt="none" data-testid="case-outcome">
            {t(`recovery.outcomes.${kase.outcome}`)}
          </Badge>
        )}
      </Group>
      <Text size="sm" c="dimmed">
        {line.join(" · ")}
      </Text>
      <Text size="sm" component="div">
        {t("recovery.case.invoices")}{" "}
        {kase.invoice_ids.map((id, n) => (
          <span key={id}>
            {n > 0 && ", "}
            <Anchor component={Link} to={`/invoices/${encodeURIComponent(id)}`} size="sm">
              {numbers.get(id) ?? "…"}
            </Anchor>
          </span>
        ))}
      </Text>
    </Stack>
  );
}

function CaseBody({ kase, canEdit, compact }: { kase: RecoveryCase; canEdit: boolean; compact: boolean }) {
  const { t } = useTranslation();
  const [panel, setPanel] = useState<Panel>(null);
  const [expanded, setExpanded] = useState(!compact);
  const open = kase.closed_on === null;
  const editable = canEdit && open;
  const today = useQuery({ queryKey: TODAY_KEY, queryFn: getToday, enabled: editable });
  return (
    <Paper
      withBorder
      p="md"
      radius="md"
      data-testid={open ? "recovery-case" : "recovery-closed-case"}
      style={open ? { borderColor: "var(--mantine-color-indigo-4)", borderWidth: 2 } : undefined}
    >
      <Stack gap="sm">
        <CaseHeader kase={kase} />
        {kase.close_note && (
          <Alert
            color={kase.outcome === "written_off" ? "orange" : "gray"}
            p="xs"
            data-testid="case-close-note"
          >
            <Text size="sm" fw={600} mb={2}>
              {t("recovery.case.close_note")}
            </Text>
            <Text size="sm" className="pre-wrap">
              {kase.close_note}
            </Text>
          </Alert>
        )}
        {!expanded ? (
          <Group>
            <Button
              size="compact-sm"
              variant="subtle"
              onClick={() => setExpanded(true)}
              data-testid="case-expand"
            >
              {t("recovery.details")}
            </Button>
          </Group>
        ) : (
          <>
            {/* Generated from what is still owed: nothing to file once the case is closed. */}
            {open && <RecoveryDownloads kase={kase} />}
            <Title order={3} size="h5">
              {t("recovery.case.procedures")}
            </Title>
            {kase.procedures.length === 0 && (
              <Text size="sm" c="dimmed">
                {t("recovery.case.no_procedure")}
              </Text>
            )}
            {kase.procedures.map((p) => (
              <RecoveryProcedureCard key={p.id} procedure={p} editable={editable} />
            ))}
          </>
        )}
        {editable && panel === "start" && <RecoveryStartForm kase={kase} onDone={() => setPanel(null)} />}
        {editable && panel === "handover" && (
          <RecoveryHandOverForm kase={kase} today={today.data?.date} onDone={() => setPanel(null)} />
        )}
        {editable && panel === "close" && <RecoveryCloseForm kase={kase} onDone={() => setPanel(null)} />}
        {editable && panel === null && (
          <Group gap="xs">
            <Button size="xs" onClick={() => setPanel("start")} data-testid="case-start">
              {t("recovery.actions.start")}
            </Button>
            <Button
              size="xs"
              variant="light"
              onClick={() => setPanel("handover")}
              data-testid="case-handover"
            >
              {t("recovery.actions.handover")}
            </Button>
            <Button
              size="xs"
              variant="subtle"
              color="red"
              onClick={() => setPanel("close")}
              data-testid="case-close"
            >
              {t("recovery.actions.close")}
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}

/** A recovery case: its stage, invoices, documents, procedures (with their dates' forms while open) and actions. */
export function RecoveryCaseCard({
  caseId,
  canEdit,
  compact = false,
}: {
  caseId: string;
  canEdit: boolean;
  compact?: boolean;
}) {
  const query = useQuery({ queryKey: caseKey(caseId), queryFn: () => getCase(caseId) });
  return (
    <QueryState query={query}>
      {(kase) => <CaseBody kase={kase} canEdit={canEdit} compact={compact} />}
    </QueryState>
  );
}
